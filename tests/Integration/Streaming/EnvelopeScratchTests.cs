using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Streaming;

public sealed class EnvelopeScratchTests(SqliteServer server, ITestOutputHelper output) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Scratch()
    {
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.CreateArrayAsync(key, DataType.Int8, [1 << 20], [[1 << 20]]);
        using var s = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "json"), TiledServerFixture.ApiKey);
        await s.ReceiveMessageAsync();
        await x.WriteAsync(NdArray.From(Enumerable.Repeat(sbyte.MinValue, 1 << 20).ToArray()), persist: false);
        var f = await s.ReceiveMessageAsync();
        output.WriteLine($"{f.Data.Length} {f.Text[..300]}");
    }
}
