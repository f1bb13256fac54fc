using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.ScaleOut;

/// <summary>
/// A key revoked through one server process is refused at once by every other process on the
/// same catalog: no process keeps a stale copy of a key it has already accepted.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class KeyRevocationTests(ServerCluster cluster) : IClassFixture<ServerCluster>
{
    [Fact]
    public async Task A_key_revoked_through_one_process_is_refused_by_every_process_at_once()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var principal = await TiledCli.RunOkAsync("admin", "create-principal", cluster.DatabaseUri, "--role", "user");
        var secret = await TiledCli.RunOkAsync("api-key", "create", cluster.DatabaseUri, "--principal", principal);
        var clients = Enumerable.Range(0, ServerCluster.Size).Select(i => Client(i, secret)).ToList();
        foreach (var client in clients)
        {
            (await client.GetAsync("/api/v1/metadata/")).StatusCode.Should().Be(HttpStatusCode.OK, "every process accepts the new key");
        }

        (await clients[0].DeleteAsync($"/api/v1/auth/apikey?first_eight={secret[..8]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        for (var i = 0; i < clients.Count; i++)
        {
            using var refused = await clients[i].GetAsync("/api/v1/metadata/");
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"process {i} must not accept a revoked key");
            using var write = await clients[i].PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(Wire.NewKey())));
            write.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        clients.ForEach(c => c.Dispose());
    }

    private HttpClient Client(int process, string secret) => new()
    {
        BaseAddress = new Uri(cluster.BaseUrl(process)),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Apikey", secret) },
    };
}
