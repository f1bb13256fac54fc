namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>A SQLite server that allows anonymous reads (<c>--public</c>).</summary>
public sealed class PublicSqliteServer : TiledServerFixture
{
    protected override bool Public => true;

    protected override Task<string?> DatabaseUriAsync() =>
        Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");
}
