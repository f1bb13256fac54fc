namespace Tiled.Api.Auth;

/// <summary>Tiled's scope names and the sets a request can hold (protocol additions §4.3).</summary>
public static class Scopes
{
    public const string ReadMetadata = "read:metadata";
    public const string ReadData = "read:data";
    public const string WriteMetadata = "write:metadata";
    public const string WriteData = "write:data";
    public const string CreateNode = "create:node";
    public const string Register = "register";
    public const string DeleteNode = "delete:node";
    public const string DeleteRevision = "delete:revision";

    /// <summary>What the single-user key may do (Tiled's <c>SINGLE_USER_SCOPES</c>).</summary>
    public static readonly IReadOnlySet<string> SingleUser = new HashSet<string>(StringComparer.Ordinal)
    {
        ReadMetadata, ReadData, WriteMetadata, WriteData, DeleteRevision, DeleteNode, CreateNode, Register,
        "metrics", "read:webhooks", "write:webhooks",
    };

    /// <summary>What an anonymous request may do on a public server.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal) { ReadMetadata, ReadData };

    /// <summary>The claim type that carries one scope.</summary>
    public const string ClaimType = "scope";
}
