namespace Tiled.Domain.Principals;

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
    public const string Metrics = "metrics";
    public const string ReadWebhooks = "read:webhooks";
    public const string WriteWebhooks = "write:webhooks";
    public const string CreateApiKeys = "create:apikeys";
    public const string RevokeApiKeys = "revoke:apikeys";
    public const string AdminApiKeys = "admin:apikeys";
    public const string ReadPrincipals = "read:principals";
    public const string WritePrincipals = "write:principals";

    /// <summary>The meta-scope of an API key: whatever its principal's roles grant when it is used.</summary>
    public const string Inherit = "inherit";

    /// <summary>
    /// What a stream subscription needs: the messages carry the node's data and its children's
    /// metadata. (Tiled checks no route scope on its WebSockets; a key without read scopes would
    /// otherwise read through the stream what the HTTP routes refuse it.)
    /// </summary>
    public static readonly IReadOnlyList<string> Subscribe = [ReadMetadata, ReadData];

    /// <summary>What the single-user key may do (Tiled's <c>SINGLE_USER_SCOPES</c>).</summary>
    public static readonly IReadOnlySet<string> SingleUser = Set(
        ReadMetadata, ReadData, WriteMetadata, WriteData, DeleteRevision, DeleteNode, CreateNode, Register,
        Metrics, ReadWebhooks, WriteWebhooks);

    /// <summary>What an anonymous request may do on a public server.</summary>
    public static readonly IReadOnlySet<string> Public = Set(ReadMetadata, ReadData);

    /// <summary>Every scope a role or key may name.</summary>
    public static readonly IReadOnlySet<string> Known = Set(
        ReadMetadata, ReadData, WriteMetadata, WriteData, CreateNode, Register, DeleteNode, DeleteRevision, Metrics,
        ReadWebhooks, WriteWebhooks, CreateApiKeys, RevokeApiKeys, AdminApiKeys, ReadPrincipals, WritePrincipals, Inherit);

    public static IReadOnlySet<string> Set(params string[] scopes) => new HashSet<string>(scopes, StringComparer.Ordinal);
}
