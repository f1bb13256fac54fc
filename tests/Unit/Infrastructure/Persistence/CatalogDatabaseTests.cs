using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class CatalogDatabaseTests
{
    [Theory]
    [InlineData("sqlite:////tmp/tiled/catalog.db", "/tmp/tiled/catalog.db")]
    [InlineData("sqlite+aiosqlite:////var/lib/catalog.db", "/var/lib/catalog.db")]
    [InlineData("SQLITE:////tmp/c.db", "/tmp/c.db")]
    public void Sqlite_uri_with_an_absolute_path_names_that_file(string uri, string file)
    {
        SqliteFile(uri).Should().Be(file);
    }

    [Fact]
    public void Sqlite_uri_with_three_slashes_is_relative_to_the_working_directory_as_in_sqlalchemy()
    {
        SqliteFile("sqlite:///data/catalog.db").Should().Be(Path.Combine(Environment.CurrentDirectory, "data", "catalog.db"));
    }

    [Fact]
    public void Sqlite_uri_made_from_a_file_path_round_trips()
    {
        var uri = CatalogDatabase.SqliteUri("/tmp/x/catalog.db");

        uri.Should().Be("sqlite:////tmp/x/catalog.db");
        SqliteFile(uri).Should().Be("/tmp/x/catalog.db");
    }

    [Fact]
    public void Sqlite_connections_enforce_foreign_keys()
    {
        new SqliteConnectionStringBuilder(ConnectionString("sqlite:////tmp/c.db")).ForeignKeys.Should().BeTrue();
    }

    [Theory]
    [InlineData("postgresql://tiled:secret@db.example:5433/catalog")]
    [InlineData("postgresql+asyncpg://tiled:secret@db.example:5433/catalog")]
    [InlineData("postgres://tiled:secret@db.example:5433/catalog")]
    public void Postgres_uri_gives_user_password_host_port_and_database(string uri)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(ConnectionString(uri));

        (npgsql.Username, npgsql.Password, npgsql.Host, npgsql.Port, npgsql.Database)
            .Should().Be(("tiled", "secret", "db.example", 5433, "catalog"));
    }

    [Fact]
    public void Postgres_uri_decodes_escaped_user_info_and_defaults_the_port()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(ConnectionString("postgresql://us%40er:p%40ss:w/rd@localhost/db"));

        (npgsql.Username, npgsql.Password, npgsql.Host, npgsql.Port, npgsql.Database)
            .Should().Be(("us@er", "p@ss:w/rd", "localhost", 5432, "db"));
    }

    [Fact]
    public void Postgres_uri_accepts_a_bracketed_ipv6_host_and_npgsql_options()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(ConnectionString("postgresql://u@[::1]:6000/db?Timeout=3"));

        (npgsql.Host, npgsql.Port, npgsql.Timeout).Should().Be(("::1", 6000, 3));
    }

    [Fact]
    public void Postgres_connections_prepare_lookups_and_skip_the_reset_unless_the_uri_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(ConnectionString("postgresql://u@h/db"));
        var given = new NpgsqlConnectionStringBuilder(ConnectionString("postgresql://u@h/db?Max%20Auto%20Prepare=0&No%20Reset%20On%20Close=false"));

        (defaults.MaxAutoPrepare, defaults.NoResetOnClose).Should().Be((32, true));
        (given.MaxAutoPrepare, given.NoResetOnClose).Should().Be((0, false));
    }

    [Theory]
    [InlineData("mysql://u:p@h/db", "'mysql'")]
    [InlineData("catalog.db", "''")]
    [InlineData("sqlite://", "needs a file")]
    [InlineData("sqlite:///:memory:", "needs a file")]
    [InlineData("postgresql://u:p@h:notaport/db", "Invalid port 'notaport'")]
    [InlineData("postgresql://u:p@h/db?bogus=1", "'bogus'")]
    public void Bad_uri_is_refused_with_a_clear_message(string uri, string fragment)
    {
        var configure = () => CatalogDatabase.Configure(uri);

        configure.Should().Throw<ArgumentException>().Which.Message.Should().Contain(fragment).And.NotContain(":p@");
    }

    [Fact]
    public void Unsupported_scheme_message_says_what_to_use()
    {
        var configure = () => CatalogDatabase.Configure("mysql://u:secret@h/db");

        configure.Should().Throw<ArgumentException>().Which.Message.Should()
            .StartWith("Unsupported database URI scheme 'mysql'; use sqlite:///PATH or postgresql://USER:PASS@HOST:PORT/DB")
            .And.NotContain("secret");
    }

    private static string SqliteFile(string uri) => new SqliteConnectionStringBuilder(ConnectionString(uri)).DataSource;

    private static string ConnectionString(string uri)
    {
        using var db = new TiledDbContext(CatalogDatabase.Configure(uri));
        return db.Database.GetConnectionString() ?? "";
    }
}
