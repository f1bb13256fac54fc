using System.Net.WebSockets;
using System.Text;
using FluentAssertions;
using Tiled.Api.Auth;
using Tiled.Api.Streaming;
using Tiled.Application.Principals;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Api.Streaming;

public sealed class FirstMessageAuthenticatorTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly WebSocketPair _pair = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _pair.Dispose();

    [Fact]
    public async Task The_right_key_authenticates_without_a_reply()
    {
        var result = Authenticate();

        await SendAsync("""{"type": "auth", "api_key": "secret"}""");

        (await result.WaitAsync(Deadline)).Should().Be((true, (int?)null));
        _pair.Server.State.Should().Be(WebSocketState.Open);
    }

    [Theory]
    [InlineData("not json", 4001, "Expected JSON auth message")]
    [InlineData("""{"type": "subscribe"}""", 4001, """Expected {"type": "auth", ...}""")]
    [InlineData("""["auth"]""", 4001, """Expected {"type": "auth", ...}""")]
    [InlineData("""{"type": "auth", "api_key": "wrong"}""", 4003, "Authentication failed")]
    [InlineData("""{"type": "auth"}""", 4003, "Authentication failed")]
    [InlineData("""{"type": "auth", "access_token": "a.b.c"}""", 4003, "Authentication failed")]
    public async Task A_bad_first_frame_closes_the_socket_with_Tiled_s_code_and_reason(string frame, int code, string reason)
    {
        var result = Authenticate();

        await SendAsync(frame);

        await ExpectCloseAsync(code, reason);
        (await result.WaitAsync(Deadline)).Should().Be((false, (int?)code));
    }

    [Fact]
    public async Task A_frame_longer_than_an_auth_message_can_be_is_not_an_auth_message()
    {
        var result = Authenticate();

        await SendAsync($$"""{"type": "auth", "api_key": "secret", "padding": "{{new string('x', FirstMessageAuthenticator.MaxMessageBytes)}}"}""");

        await ExpectCloseAsync(4001, "Expected JSON auth message");
        (await result.WaitAsync(Deadline)).Should().Be((false, (int?)4001));
    }

    [Fact]
    public async Task No_frame_within_the_auth_timeout_closes_with_4001()
    {
        var result = Authenticate();

        _clock.Advance(TimeSpan.FromSeconds(11));

        await ExpectCloseAsync(4001, "Timed out waiting for the auth message");
        (await result.WaitAsync(Deadline)).Should().Be((false, (int?)4001));
    }

    [Fact]
    public async Task A_client_that_closes_instead_of_authenticating_gets_its_close_answered()
    {
        var result = Authenticate();

        await _pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);

        (await result.WaitAsync(Deadline)).Should().Be((false, (int?)null));
        (await TestClient.ReceiveAsync(_pair.Client)).Type.Should().Be(WebSocketMessageType.Close);
    }

    /// <summary>As the endpoint does, a refused socket is disposed at once, which lets the client finish its close.</summary>
    private async Task<(bool Authenticated, int? CloseCode)> Authenticate()
    {
        var result = await new FirstMessageAuthenticator(_pair.Server,
                new CredentialVerifier(new ApiKeyOptions("secret", false), new ApiKeyAuthenticator(new InMemoryPrincipalStore(), _clock)),
                StreamSocketOptions.Default, _clock)
            .AuthenticateAsync(CancellationToken.None);
        if (!result.Authenticated)
        {
            _pair.Server.Dispose();
        }

        return result;
    }

    private Task SendAsync(string text) =>
        _pair.Client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task ExpectCloseAsync(int code, string reason)
    {
        (await TestClient.ReceiveAsync(_pair.Client)).Type.Should().Be(WebSocketMessageType.Close);
        (_pair.Client.CloseStatus, _pair.Client.CloseStatusDescription).Should().Be(((WebSocketCloseStatus)code, reason));
    }
}
