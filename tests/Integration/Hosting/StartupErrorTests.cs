using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Api.Hosting;
using Tiled.Application.Abstractions;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>Misconfiguration stops start-up with an exception whose message says what is wrong.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-startup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ServerSettings Settings(string databaseUri, string? storage = null) => new()
    {
        Port = 0,
        ApiKey = "secret",
        DatabaseUri = databaseUri,
        WriteStorage = storage ?? Path.Combine(_directory, "data"),
        InitIfNotExists = true,
    };

    [Fact]
    public async Task Unknown_database_scheme_is_refused()
    {
        var build = () => TiledServer.BuildAsync(Settings("mysql://u@h/db"));

        (await build.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("sqlite:///");
    }

    [Fact]
    public async Task Unreachable_postgres_is_a_clear_error_without_the_password()
    {
        var build = () => TiledServer.BuildAsync(Settings("postgresql://user:hunter2@127.0.0.1:1/db"));

        var error = (await build.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("127.0.0.1:1").And.NotContain("hunter2");
    }

    [Fact]
    public async Task Storage_directory_that_cannot_be_written_is_refused()
    {
        var file = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(file, "");

        var build = () => TiledServer.BuildAsync(Settings($"sqlite:///{Path.Combine(_directory, "c.db")}", Path.Combine(file, "data")));

        (await build.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("cannot be written");
    }

    [Fact]
    public async Task Unreachable_redis_is_a_clear_error_not_a_hang()
    {
        var settings = Settings($"sqlite:///{Path.Combine(_directory, "r.db")}") with { CacheUri = "redis://127.0.0.1:1" };

        var build = () => TiledServer.BuildAsync(settings);

        (await build.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Redis");
    }

    [Fact]
    public async Task A_catalog_of_the_release_before_migrations_is_refused_without_init_and_opens_with_it()
    {
        var database = Path.Combine(_directory, "v4.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "HandWrittenCatalogs", "sqlite-v4.sql"));
            await create.ExecuteNonQueryAsync();
        }

        var withoutInit = () => TiledServer.BuildAsync(Settings($"sqlite:///{database}") with { InitIfNotExists = false });
        (await withoutInit.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("version 4").And.Contain("--init");

        await using var upgraded = await TiledServer.BuildAsync(Settings($"sqlite:///{database}"));
        var catalog = upgraded.Services.GetRequiredService<INodeCatalog>();
        var stored = (await catalog.FindAsync(NodePath.Parse("x"), default))!;
        stored.Metadata["note"]!.GetValue<string>().Should().Be("hello world");
        await catalog.UpdateMetadataAsync(stored.Id, new JsonObject { ["v"] = 2 }, [], true, default);
        (await catalog.FindAsync(NodePath.Parse("x"), default))!.Metadata["v"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Api_key_with_symbols_is_refused()
    {
        var build = () => TiledServer.BuildAsync(Settings($"sqlite:///{Path.Combine(_directory, "k.db")}") with { ApiKey = "se cret!" });

        await build.Should().ThrowAsync<ArgumentException>();
    }
}
