using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>
/// Each mistake a newcomer makes on the command line (issue #17) is answered with one line on
/// standard error, exit code 2, naming the option at fault and what to do instead.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("999.1.1.1")]
    [InlineData("1.1")]
    [InlineData("example host")]
    public async Task Issue_17_a_host_that_is_not_an_ip_address_is_refused(string host)
    {
        var error = await OneLineErrorAsync("serve", "catalog", "--temp", "--api-key", "secret", "--host", host);

        error.Should().Contain("--host").And.Contain(host).And.Contain("127.0.0.1");
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("65536")]
    [InlineData("notaport")]
    public async Task Issue_17_a_port_out_of_range_or_not_a_number_is_refused(string port)
    {
        var error = await OneLineErrorAsync("serve", "catalog", "--temp", "--api-key", "secret", "--port", port);

        error.Should().Contain("--port").And.Contain("1 to 65535").And.NotContain("System.");
    }

    [Fact]
    public async Task Issue_17_a_port_in_use_is_named_without_a_stack_trace()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var error = await OneLineErrorAsync("serve", "catalog", "--temp", "--api-key", "secret", "--port", port);

        error.Should().Contain($"--port {port}").And.Contain("already in use");
    }

    [Theory]
    [InlineData("serve", "catalog", "--temp", "--tmp")]
    [InlineData("serve", "catalog", "--tmp")]
    [InlineData("serve", "catalog", "--temp", "--api-key", "secret", "--bogus", "1")]
    public async Task Issue_17_an_unknown_option_is_called_one_and_not_a_database_uri(params string[] arguments)
    {
        var error = await OneLineErrorAsync(arguments);

        error.Should().ContainAny("Unknown option", "Unrecognized").And.NotContain("database URI scheme").And.Contain("--help");
    }

    [Fact]
    public async Task A_negative_stream_inline_limit_is_refused_naming_the_option()
    {
        var error = await OneLineErrorAsync("serve", "catalog", "--temp", "--api-key", "secret", "--stream-inline-limit", "-1");

        error.Should().Contain("--stream-inline-limit").And.Contain("0 or more");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Issue_17_an_unreachable_database_is_named_with_or_without_init(bool init)
    {
        string[] arguments = ["serve", "catalog", "postgresql://tiled:hunter2@127.0.0.1:1/db", "--write-storage", Path.Combine(_directory, "data")];

        var error = await OneLineErrorAsync(init ? [.. arguments, "--init"] : arguments);

        error.Should().Contain("127.0.0.1:1").And.Contain("catalog URI").And.NotContain("hunter2")
            .And.NotContain("--init").And.NotContain("transient failure");
    }

    private static async Task<string> OneLineErrorAsync(params string[] arguments)
    {
        var (code, _, error) = await TiledCli.RunAsync(arguments);

        code.Should().Be(2, error);
        error.Should().StartWith("tiled: ").And.NotContain("\n", "the error is one line").And.NotContain("   at ");
        return error;
    }
}
