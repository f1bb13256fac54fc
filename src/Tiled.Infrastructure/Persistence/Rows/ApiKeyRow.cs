namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>An API key: only the SHA-256 of its secret is stored, with the first eight characters to find it.</summary>
internal sealed class ApiKeyRow
{
    public string FirstEight { get; set; } = "";

    public byte[] HashedSecret { get; set; } = [];

    public DateTimeOffset? ExpirationTime { get; set; }

    public DateTimeOffset? LatestActivity { get; set; }

    public string? Note { get; set; }

    public string Scopes { get; set; } = "[]";

    public long PrincipalId { get; set; }

    public PrincipalRow Principal { get; set; } = null!;
}
