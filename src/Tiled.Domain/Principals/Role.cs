namespace Tiled.Domain.Principals;

/// <summary>A named set of scopes given to principals; the two roles Tiled creates by default (§4.3).</summary>
public sealed record Role(string Name, IReadOnlySet<string> Scopes)
{
    public static readonly Role User = new("user", Principals.Scopes.Set(
        Principals.Scopes.ReadMetadata, Principals.Scopes.ReadData, Principals.Scopes.CreateNode, Principals.Scopes.WriteMetadata,
        Principals.Scopes.WriteData, Principals.Scopes.DeleteRevision, Principals.Scopes.DeleteNode,
        Principals.Scopes.CreateApiKeys, Principals.Scopes.RevokeApiKeys));

    public static readonly Role Admin = new("admin", Principals.Scopes.Set(
        Principals.Scopes.ReadMetadata, Principals.Scopes.ReadData, Principals.Scopes.CreateNode, Principals.Scopes.Register,
        Principals.Scopes.WriteMetadata, Principals.Scopes.WriteData, Principals.Scopes.DeleteRevision, Principals.Scopes.DeleteNode,
        Principals.Scopes.AdminApiKeys, Principals.Scopes.ReadPrincipals, Principals.Scopes.WritePrincipals, Principals.Scopes.Metrics,
        Principals.Scopes.ReadWebhooks, Principals.Scopes.WriteWebhooks));

    public static IReadOnlyList<Role> All { get; } = [User, Admin];

    /// <summary>The role called <paramref name="name"/>, or null.</summary>
    public static Role? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
