namespace Tiled.Api.Auth;

/// <summary>The claims an authenticated request carries.</summary>
internal static class TiledClaims
{
    /// <summary>One scope the request holds.</summary>
    public const string Scope = "scope";

    /// <summary>The uuid of the key's principal (absent for the single-user key).</summary>
    public const string Principal = "principal";

    /// <summary>The first eight characters of the API key used.</summary>
    public const string ApiKey = "apikey";
}
