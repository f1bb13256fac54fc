namespace Tiled.Domain.DataSources;

/// <summary>Who owns a data source's files: Tiled (<c>writable</c>) or someone else (<c>external</c>).</summary>
public enum Management
{
    Writable,
    External,
    Immutable,
    Locked,
}
