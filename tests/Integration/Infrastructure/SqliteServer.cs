namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>The server on the embedded default: a SQLite catalog file in a temporary directory.</summary>
public sealed class SqliteServer : TiledServerFixture
{
    protected override Task<string?> DatabaseUriAsync() =>
        Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");
}
