using System.Net;
using FluentAssertions;
using Tiled.Infrastructure.Streaming;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Streaming;

public sealed class RedisConnectionSettingsTests
{
    [Fact]
    public void Host_port_password_and_database_are_taken_from_the_uri()
    {
        var settings = RedisConnectionSettings.Parse("redis://:s3cr%40t@cache.example:6380/2", "tiled");

        settings.Endpoint.Should().Be("cache.example:6380");
        settings.Options.EndPoints.Should().ContainSingle().Which.Should().Be(new DnsEndPoint("cache.example", 6380));
        settings.Options.Password.Should().Be("s3cr@t");
        settings.Options.DefaultDatabase.Should().Be(2);
        settings.Options.Ssl.Should().BeFalse();
    }

    [Fact]
    public void Port_6379_and_no_password_are_the_defaults()
    {
        var settings = RedisConnectionSettings.Parse("redis://127.0.0.1", "tiled");

        settings.Endpoint.Should().Be("127.0.0.1:6379");
        settings.Options.EndPoints.Should().ContainSingle().Which.Should().Be(new IPEndPoint(IPAddress.Loopback, 6379));
        settings.Options.Password.Should().BeNullOrEmpty();
        settings.Options.DefaultDatabase.Should().BeNull();
    }

    [Fact]
    public void The_commands_only_settings_keep_the_connection_and_drop_subscriptions()
    {
        var settings = RedisConnectionSettings.Parse("redis://:pw@cache.example:6380/2", "tiled");

        var commands = settings.WithoutSubscriptions();

        commands.Endpoint.Should().Be(settings.Endpoint);
        commands.Options.EndPoints.Should().Equal(settings.Options.EndPoints);
        (commands.Options.Password, commands.Options.DefaultDatabase, commands.Options.ClientName).Should().Be(("pw", 2, "tiled"));
        // The configuration string names a disabled command as "$NAME=".
        commands.Options.ToString().Should().Contain("$SUBSCRIBE=").And.Contain("$PSUBSCRIBE=").And.NotContain("$EVALSHA=");
        settings.Options.ToString().Should().NotContain("$SUBSCRIBE=", "the original settings are left as they were");
    }

    [Fact]
    public void Rediss_turns_tls_on()
    {
        var settings = RedisConnectionSettings.Parse("rediss://cache.example:6390", "tiled");

        settings.Options.Ssl.Should().BeTrue();
        settings.Options.SslHost.Should().Be("cache.example");
    }

    [Fact]
    public void The_connection_fails_fast_and_reconnects_in_the_background()
    {
        var options = RedisConnectionSettings.Parse("redis://localhost:6379", "tiled-test").Options;

        options.AbortOnConnectFail.Should().BeFalse();
        options.ConnectTimeout.Should().Be(5000);
        options.ConnectRetry.Should().Be(1);
        options.ClientName.Should().Be("tiled-test");
    }

    [Fact]
    public void The_default_user_name_is_accepted()
    {
        RedisConnectionSettings.Parse("redis://default:pw@localhost", "tiled").Options.Password.Should().Be("pw");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("http://localhost:6379")]
    [InlineData("redis://localhost:6379/zero")]
    [InlineData("redis://alice:pw@localhost:6379")]
    public void Unusable_uris_are_rejected_without_repeating_them(string uri)
    {
        var parse = () => RedisConnectionSettings.Parse(uri, "tiled");

        parse.Should().Throw<ArgumentException>().Which.Message.Should().NotContain(uri);
    }
}
