namespace Tiled.Client.Queries;

/// <summary>
/// A dotted metadata key whose operators build queries, as Tiled's Python <c>Key</c> does:
/// <c>new Key("sample.temperature") &gt; 300</c> is <c>Comparison("gt", "sample.temperature", 300)</c>.
/// </summary>
public sealed class Key(string name)
{
    public string Name { get; } = name;

    public static Query operator ==(Key key, object? value) => new Eq(key.Name, value);

    public static Query operator !=(Key key, object? value) => new NotEq(key.Name, value);

    public static Query operator <(Key key, object? value) => new Comparison("lt", key.Name, value);

    public static Query operator >(Key key, object? value) => new Comparison("gt", key.Name, value);

    public static Query operator <=(Key key, object? value) => new Comparison("le", key.Name, value);

    public static Query operator >=(Key key, object? value) => new Comparison("ge", key.Name, value);

    public override bool Equals(object? obj) => obj is Key other && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
