namespace Tiled.Api.Auth;

/// <summary>What a request presented: a key, nothing, or something we refuse outright (status + detail).</summary>
internal sealed record CredentialResult(string? ApiKey, int? FailureStatus, string? FailureDetail)
{
    public static CredentialResult None { get; } = new(null, null, null);

    public static CredentialResult Key(string key) => new(key, null, null);

    public static CredentialResult Failure(int status, string detail) => new(null, status, detail);
}
