using FluentAssertions;
using Tiled.Api.Hosting;
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
    public async Task Api_key_with_symbols_is_refused()
    {
        var build = () => TiledServer.BuildAsync(Settings($"sqlite:///{Path.Combine(_directory, "k.db")}") with { ApiKey = "se cret!" });

        await build.Should().ThrowAsync<ArgumentException>();
    }
}
