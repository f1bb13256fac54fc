using System.Net;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>The subscription WebSocket of a public server (anonymous reads allowed, §9.4).</summary>
public sealed class PublicWebSocketTests(PublicSqliteServer server) : IClassFixture<PublicSqliteServer>
{
    [Fact]
    public async Task An_anonymous_subscriber_gets_the_schema_without_an_auth_frame()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "?envelope_format=msgpack", apiKey: null);

        var schema = await ReceiveMapAsync(socket);

        schema["type"].Should().Be("container-schema");
    }

    [Fact]
    public async Task A_wrong_key_is_still_refused_with_401()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Anonymous, "", "Apikey wrong");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid API key");
    }

    [Fact]
    public async Task An_unknown_node_is_refused_with_404_before_the_upgrade()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Anonymous, "nope");

        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Should().Be("No such entry: ['nope']");
    }
}
