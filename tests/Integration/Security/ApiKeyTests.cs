using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Xunit;

namespace Tiled.IntegrationTests.Security;

/// <summary>
/// Principals and API keys stored in the catalog (issue #13): made with the <c>tiled</c> command
/// line and over HTTP as Tiled's Python client sends it, enforced by scope, expiry and revocation.
/// </summary>
public abstract class ApiKeyTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    protected TServer Server { get; } = server;

    [Fact]
    public async Task A_read_only_key_made_on_the_command_line_reads_and_is_refused_writes_with_403_naming_the_scope()
    {
        if (Server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("ro");
        await Wire.CreateInt64ArrayAsync(Server.Http, key, 1, 2, 3);
        var principal = await CreatePrincipalAsync("user");
        var secret = await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal,
            "--scopes", "read:metadata", "--scopes", "read:data", "--note", "beamline");
        using var client = Client(secret);

        (await client.GetAsync($"/api/v1/array/full/{key}")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var write = await client.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(7, 8, 9)));
        using var create = await client.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(Wire.NewKey(), 1)));

        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Wire.ReadJsonAsync(write))["detail"]!.ToString().Should().Contain("'write:data'");
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Wire.ReadJsonAsync(create))["detail"]!.ToString().Should().Contain("'create:node'");
        Wire.ToInt64s(await (await Server.Http.GetAsync($"/api/v1/array/full/{key}")).Content.ReadAsByteArrayAsync())
            .Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task The_python_clients_create_list_whoami_and_revoke_requests_work_and_revocation_is_immediate()
    {
        if (Server.UnavailableReason is not null) { return; }
        var principal = await CreatePrincipalAsync("user", "ada");
        var first = await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal);
        using var client = Client(first);
        var about = await Wire.ReadJsonAsync(await client.GetAsync("/api/v1/"));
        var apikeyLink = about["authentication"]!["links"]!["apikey"]!.ToString();

        using var createRequest = new HttpRequestMessage(HttpMethod.Post, apikeyLink)
        {
            Content = Wire.Json(new JsonObject { ["scopes"] = null, ["expires_in"] = 3600, ["note"] = "from python", ["access_tags"] = null }),
        };
        createRequest.Headers.Accept.ParseAdd("application/x-msgpack");
        using var created = await client.SendAsync(createRequest);
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await Wire.ReadJsonAsync(created);
        var secret = second["secret"]!.ToString();
        secret.Should().MatchRegex("^[0-9a-f]{72}$");
        second["scopes"]!.AsArray().Select(s => s!.ToString()).Should().Equal("inherit");
        second["note"]!.ToString().Should().Be("from python");

        var whoami = await Wire.ReadJsonAsync(await client.GetAsync(about["authentication"]!["links"]!["whoami"]!.ToString()));
        whoami["uuid"]!.ToString().Should().Be(principal);
        whoami["identities"]![0]!["id"]!.ToString().Should().Be("ada");
        whoami["api_keys"]!.AsArray().Select(k => k!["first_eight"]!.ToString()).Should().BeEquivalentTo([first[..8], secret[..8]]);
        whoami.ToJsonString().Should().NotContain(secret).And.NotContain(first[..20], "secrets are shown once, at creation");

        using var second_client = Client(secret);
        (await Wire.ReadJsonAsync(await second_client.GetAsync(apikeyLink)))["first_eight"]!.ToString().Should().Be(secret[..8]);
        (await second_client.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(Wire.NewKey())))).StatusCode
            .Should().Be(HttpStatusCode.OK, "inherit gives the user role's scopes");

        var csrf = await CsrfCookieAsync();
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"{apikeyLink}?first_eight={secret[..8]}");
        revoke.Headers.Add("x-csrf", csrf);
        (await client.SendAsync(revoke)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var refused = await second_client.GetAsync("/api/v1/metadata/");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Wire.ReadJsonAsync(refused))["detail"]!.ToString().Should().Be("Invalid API key");
        (await client.DeleteAsync($"{apikeyLink}?first_eight={secret[..8]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_requires_scopes_and_expires_in_and_refuses_scopes_beyond_the_principal()
    {
        if (Server.UnavailableReason is not null) { return; }
        var principal = await CreatePrincipalAsync("user");
        using var client = Client(await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal));

        using var missing = await client.PostAsync("/api/v1/auth/apikey", Wire.Json(new JsonObject { ["note"] = "x" }));
        using var beyond = await client.PostAsync("/api/v1/auth/apikey",
            Wire.Json(new JsonObject { ["scopes"] = new JsonArray("admin:apikeys"), ["expires_in"] = null }));

        missing.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Wire.ReadJsonAsync(missing))["detail"]!.ToString().Should().Contain("scopes");
        beyond.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Wire.ReadJsonAsync(beyond))["detail"]!.ToString().Should().Contain("admin:apikeys");
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        if (Server.UnavailableReason is not null) { return; }
        var principal = await CreatePrincipalAsync("user");
        using var owner = Client(await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal));
        var created = DateTime.UtcNow;
        using var response = await owner.PostAsync("/api/v1/auth/apikey", Wire.Json(new JsonObject { ["scopes"] = null, ["expires_in"] = 5 }));
        using var client = Client((await Wire.ReadJsonAsync(response))["secret"]!.ToString());
        (await client.GetAsync("/api/v1/metadata/")).StatusCode.Should().Be(HttpStatusCode.OK);

        await Task.Delay(created.AddSeconds(5.5) - DateTime.UtcNow);

        (await client.GetAsync("/api/v1/metadata/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_revoked_on_the_command_line_are_refused_and_the_database_holds_no_secret()
    {
        if (Server.UnavailableReason is not null) { return; }
        var principal = await CreatePrincipalAsync("admin");
        var secret = await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal);
        using var client = Client(secret);
        (await client.GetAsync("/api/v1/auth/principal")).StatusCode.Should().Be(HttpStatusCode.OK, "admins may list principals");

        var listed = await TiledCli.RunOkAsync("api-key", "list", Database);
        listed.Should().Contain(secret[..8]).And.NotContain(secret[8..]);
        (await TiledCli.RunOkAsync("api-key", "revoke", Database, secret[..8])).Should().Contain(secret[..8]);

        (await client.GetAsync("/api/v1/metadata/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (code, _, error) = await TiledCli.RunAsync("api-key", "revoke", Database, secret[..8]);
        code.Should().Be(2);
        error.Should().Contain("No API key starts with");
        (await StoredSecretsContainAsync(secret)).Should().BeFalse();
    }

    [Fact]
    public async Task The_single_user_key_belongs_to_no_principal_and_cannot_make_keys()
    {
        if (Server.UnavailableReason is not null) { return; }

        var whoami = await Server.Http.GetAsync("/api/v1/auth/whoami");
        using var create = await Server.Http.PostAsync("/api/v1/auth/apikey", Wire.Json(new JsonObject { ["scopes"] = null, ["expires_in"] = null }));

        (await whoami.Content.ReadAsStringAsync()).Should().Be("null");
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Wire.ReadJsonAsync(create))["detail"]!.ToString().Should().Contain("'create:apikeys'");
        (await Server.Anonymous.GetAsync("/api/v1/auth/whoami")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_command_line_refuses_unknown_roles_and_principals_in_one_line()
    {
        if (Server.UnavailableReason is not null) { return; }

        var role = await TiledCli.RunAsync("admin", "create-principal", Database, "--role", "wizard");
        var principal = await TiledCli.RunAsync("api-key", "create", Database, "--principal", Guid.NewGuid().ToString());

        role.ExitCode.Should().Be(2);
        role.Error.Should().Contain("No role 'wizard'").And.NotContain("\n");
        principal.ExitCode.Should().Be(2);
        principal.Error.Should().Contain("No principal");
    }

    [Fact]
    public async Task A_key_without_the_read_scopes_cannot_subscribe_by_header_nor_by_the_first_frame()
    {
        if (Server.UnavailableReason is not null) { return; }
        var principal = await CreatePrincipalAsync("user");
        var writeOnly = await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal, "--scopes", "write:data");
        var reader = await TiledCli.RunOkAsync("api-key", "create", Database, "--principal", principal,
            "--scopes", "read:metadata", "--scopes", "read:data");

        using var upgrade = await WebSocketClient.RequestUpgradeAsync(Server.Anonymous, "", $"Apikey {writeOnly}");
        using var byFrame = await WebSocketClient.ConnectAsync(Server, "", apiKey: null);
        await WebSocketClient.SendTextAsync(byFrame, $$"""{"type": "auth", "api_key": "{{writeOnly}}"}""");
        using var allowed = await WebSocketClient.ConnectAsync(Server, "", apiKey: null);
        await WebSocketClient.SendTextAsync(allowed, $$"""{"type": "auth", "api_key": "{{reader}}"}""");

        upgrade.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Wire.ReadJsonAsync(upgrade))["detail"]!.ToString().Should().Contain("'read:metadata'");
        var (code, reason) = await WebSocketClient.ReadUntilCloseAsync(byFrame);
        code.Should().Be(4003);
        reason.Should().Contain("'read:metadata'");
        (await WebSocketClient.ReceiveJsonAsync(allowed))["type"]!.GetValue<string>().Should().Be("container-schema");
    }

    private string Database => Server.Settings.DatabaseUri;

    private async Task<string> CreatePrincipalAsync(string role, string? identity = null)
    {
        var arguments = new List<string> { "admin", "create-principal", Database, "--role", role };
        if (identity is not null)
        {
            arguments.AddRange(["--identity", identity]);
        }

        return await TiledCli.RunOkAsync([.. arguments]);
    }

    private HttpClient Client(string secret) => new()
    {
        BaseAddress = new Uri(Server.BaseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Apikey", secret) },
    };

    /// <summary>The <c>tiled_csrf</c> cookie a fresh client (as Tiled's, on its first request) is given.</summary>
    private async Task<string> CsrfCookieAsync()
    {
        using var fresh = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(Server.BaseUrl) };
        using var about = await fresh.GetAsync("/api/v1/");
        var cookie = about.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tiled_csrf=", StringComparison.Ordinal));
        return cookie["tiled_csrf=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>Whether any stored key column holds the secret or its hex text.</summary>
    protected abstract Task<bool> StoredSecretsContainAsync(string secret);
}

public sealed class SqliteApiKeyTests(SqliteServer server) : ApiKeyTests<SqliteServer>(server)
{
    protected override Task<bool> StoredSecretsContainAsync(string secret)
    {
        var path = Server.Settings.DatabaseUri["sqlite:///".Length..];
        var bytes = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
        return Task.FromResult(bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret)) >= 0
            || bytes.AsSpan().IndexOf(Convert.FromHexString(secret)) >= 0);
    }
}

[Trait("Category", "Postgres")]
public sealed class PostgresApiKeyTests(PostgresServer server) : ApiKeyTests<PostgresServer>(server)
{
    protected override async Task<bool> StoredSecretsContainAsync(string secret)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT COUNT(*) FROM api_keys WHERE position(@text::bytea in hashed_secret) > 0 OR position(@raw in hashed_secret) > 0 OR note = @s OR scopes::text LIKE '%' || @s || '%'",
            connection);
        command.Parameters.AddWithValue("text", System.Text.Encoding.ASCII.GetBytes(secret));
        command.Parameters.AddWithValue("raw", Convert.FromHexString(secret));
        command.Parameters.AddWithValue("s", secret);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
