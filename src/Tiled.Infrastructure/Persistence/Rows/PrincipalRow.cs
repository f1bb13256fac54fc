namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>A principal: a user or service that holds API keys, with its role names as a JSON list.</summary>
internal sealed class PrincipalRow
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public string Type { get; set; } = "user";

    public string? Identity { get; set; }

    public string Roles { get; set; } = "[]";

    public DateTimeOffset TimeCreated { get; set; }

    public List<ApiKeyRow> ApiKeys { get; set; } = [];
}
