using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.DataSources;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Tiled.IntegrationTests.Tables;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// Creates, registrations, writes and deletes the client abandons at random points (its call cancelled
/// after 0-20 ms, or a raw connection closed or reset after the headers and part of the body): once the
/// server is idle, every node touched is whole or absent. A present node is readable (and its stream
/// replays what it stores); an absent one has no storage directory left and creating it again answers
/// 200; an array holds the old or the new data of a whole write, never a mix; the server logs no error.
/// </summary>
public abstract class AbortedRequestTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    private const int Length = 8;
    private static readonly long[][] Chunks = [[2, 2, 2, 2]];

    private readonly Random _random = new(Environment.TickCount);
    private readonly Dictionary<string, int> _aborts = [];

    protected virtual bool Streams => false;

    [Fact]
    public async Task Each_node_a_client_abandoned_a_request_on_is_whole_or_absent()
    {
        if (server.UnavailableReason is not null) { return; }
        var log = LogRecorder.AttachTo(server);
        var written = await PrepareAsync(8, key => Wire.CreateInt64ArrayAsync(server.Http, key, Filled(1)), ArrayBody);
        var blocks = await PrepareAsync(4, key => Wire.CreateInt64ArrayAsync(server.Http, key, Filled(1)), ArrayBody);
        var tables = await PrepareAsync(4, async key =>
        {
            await TableWire.CreateAsync(server.Http, key, partitions: 2);
            (await server.Http.PutAsync($"/api/v1/table/partition/{key}?partition=0", TableWire.Body(Rows(3)))).EnsureSuccessStatusCode();
        }, key => TableWire.TableBody(key, partitions: 2));
        var doomed = await PrepareAsync(8, key => Wire.CreateInt64ArrayAsync(server.Http, key, Filled(1)), ArrayBody);
        var doomedTables = await PrepareAsync(2, key => TableWire.CreateAsync(server.Http, key), key => TableWire.TableBody(key));
        var creates = new Dictionary<string, Func<string, JsonObject>>();
        var registers = new Dictionary<string, JsonObject>();
        for (var i = 0; i < 8; i++)
        {
            creates[Wire.NewKey("c")] = Wire.ContainerBody;
            creates[Wire.NewKey("a")] = ArrayBody;
            creates[Wire.NewKey("t")] = key => TableWire.TableBody(key, partitions: 2);
            registers[Wire.NewKey("r")] = await External.RawInt64DataSourceAsync(server.ExternalDirectory, Filled(7));
        }

        var requests = new List<Task>();
        requests.AddRange(creates.Select(c => AbortAsync(HttpMethod.Post, "/api/v1/metadata/", Wire.Json(c.Value(c.Key)))));
        requests.AddRange(registers.Select(r => AbortAsync(HttpMethod.Post, "/api/v1/register/", Wire.Json(External.Register(r.Key, (JsonObject)r.Value.DeepClone())))));
        requests.AddRange(written.Keys.Select(key => AbortAsync(HttpMethod.Put, $"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(Filled(2))))));
        requests.AddRange(blocks.Keys.Select(key => AbortAsync(HttpMethod.Put, $"/api/v1/array/block/{key}?block=1", Wire.Octets(Wire.Int64s(3, 3)))));
        requests.AddRange(tables.Keys.Select(key => AbortAsync(HttpMethod.Put, $"/api/v1/table/partition/{key}?partition=1", TableWire.Body(Rows(5)))));
        requests.AddRange(tables.Keys.Select(key => AbortAsync(HttpMethod.Patch, $"/api/v1/table/partition/{key}?partition=0", TableWire.Body(Rows(2)))));
        requests.AddRange(doomed.Keys.Concat(doomedTables.Keys).Select(key => AbortAsync(HttpMethod.Delete, $"/api/v1/metadata/{key}", null)));
        await Task.WhenAll(requests);
        await IdleAsync();
        output.WriteLine($"aborted: {string.Join(", ", _aborts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Value}× {a.Key}"))}");

        foreach (var (key, body) in creates)
        {
            await RequireWholeOrAbsentAsync(key, "/api/v1/metadata/", body(key));
        }

        foreach (var (key, source) in registers)
        {
            await RequireWholeOrAbsentAsync(key, "/api/v1/register/", External.Register(key, (JsonObject)source.DeepClone()));
            Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(Filled(7));
        }

        foreach (var (key, body) in doomed.Concat(doomedTables))
        {
            await RequireWholeOrAbsentAsync(key, "/api/v1/metadata/", body);
        }

        var changed = 0;
        foreach (var key in written.Keys)
        {
            var values = Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}"));
            (values.SequenceEqual(Filled(1)) || values.SequenceEqual(Filled(2))).Should().BeTrue(
                $"a whole write of {key} is stored whole or not at all: {string.Join(",", values)}");
            changed += values[0] == 2 ? 1 : 0;
            await RequireReplayAsync(key, values[0] == 2 ? [Filled(1), values] : [Filled(1)]);
        }

        foreach (var key in blocks.Keys)
        {
            var values = Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}"));
            (values.SequenceEqual(Filled(1)) || values.SequenceEqual([1, 1, 3, 3, 1, 1, 1, 1])).Should().BeTrue(
                $"a block write of {key} is stored whole or not at all: {string.Join(",", values)}");
        }

        foreach (var key in tables.Keys)
        {
            (await TableWire.ReadAsync(server.Http, $"/api/v1/table/partition/{key}?partition=0")).RowCount.Should().BeOneOf(3, 5);
            (await TableWire.ReadAsync(server.Http, $"/api/v1/table/partition/{key}?partition=1")).RowCount.Should().BeOneOf(0, 5);
        }

        output.WriteLine($"{changed} of {written.Count} whole writes were stored");
        log.Entries.Should().BeEmpty("the server neither failed nor left anything to clean up");
    }

    private static long[] Filled(long value) => Enumerable.Repeat(value, Length).ToArray();

    private static JsonObject ArrayBody(string key) => Wire.ArrayBody(key, "i", 8, [Length], Chunks);

    private static byte[] Rows(int count) => TableWire.FileOf(TableWire.Rows(
        Enumerable.Range(0, count).Select(i => (long)i).ToArray(), new double?[count], new string?[count]));

    /// <summary>Creates <paramref name="count"/> nodes with <paramref name="create"/>; each key with the body that would create it again.</summary>
    private static async Task<Dictionary<string, JsonObject>> PrepareAsync(int count, Func<string, Task> create, Func<string, JsonObject> body)
    {
        var keys = Enumerable.Range(0, count).Select(_ => Wire.NewKey("p")).ToList();
        foreach (var key in keys)
        {
            await create(key);
        }

        return keys.ToDictionary(k => k, body);
    }

    /// <summary>Sends the request and abandons it: a cancelled call, or a raw connection closed (or reset) mid-body.</summary>
    private async Task AbortAsync(HttpMethod method, string url, HttpContent? content)
    {
        int delay, way;
        lock (_random)
        {
            delay = _random.Next(0, 21);
            way = _random.Next(3);
        }

        var body = content is null ? [] : await content.ReadAsByteArrayAsync();
        var how = way == 0 ? "cancelled" : way == 1 ? "closed" : "reset";
        string outcome;
        if (way == 0)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(delay));
            using var request = new HttpRequestMessage(method, url) { Content = content };
            try
            {
                using var response = await server.Http.SendAsync(request, cancel.Token);
                ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
                outcome = "answered";
            }
            catch (OperationCanceledException)
            {
                outcome = "abandoned";
            }
        }
        else
        {
            await SendPartAsync(method, url, content?.Headers.ContentType?.ToString(), body, delay, reset: way == 2);
            outcome = "abandoned";
        }

        lock (_aborts)
        {
            var name = $"{method} {how} {outcome}";
            _aborts[name] = _aborts.GetValueOrDefault(name) + 1;
        }
    }

    /// <summary>Sends the headers and the body or a random part of it; waits, then closes or resets the connection.</summary>
    private async Task SendPartAsync(HttpMethod method, string url, string? contentType, byte[] body, int delay, bool reset)
    {
        var address = new Uri(server.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {url} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Apikey {TiledServerFixture.ApiKey}\r\n")
            .Append(contentType is null ? "" : $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        int part;
        lock (_random)
        {
            // Half the time the whole body: the server then runs the request while the client leaves.
            part = _random.Next(2) == 0 ? body.Length : _random.Next(body.Length);
        }

        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body.AsMemory(0, part));
        await Task.Delay(delay);
        if (reset)
        {
            tcp.Client.LingerState = new LingerOption(true, 0);
        }

        tcp.Close();
    }

    /// <summary>Waits until the server has finished every request (the abandoned ones run on after the client left).</summary>
    private async Task IdleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await server.Http.GetStringAsync("/api/v1/metrics");
            var running = text.Split('\n').Where(l => l.StartsWith("http_requests_in_progress{", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            if (running <= 1)
            {
                // The metrics request itself; what is left of a request after its handler (a response to a
                // closed connection) changes nothing.
                await Task.Delay(100);
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "abandoned requests finish");
            await Task.Delay(50);
        }
    }

    /// <summary>The node is whole (readable, one storage directory if it owns data) or absent (none; creating it again works).</summary>
    private async Task RequireWholeOrAbsentAsync(string key, string createUrl, JsonObject createBody)
    {
        using var found = await server.Http.GetAsync($"/api/v1/metadata/{key}");
        found.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        if (found.StatusCode == HttpStatusCode.NotFound)
        {
            StorageDirectories(key).Should().BeEmpty($"{key} does not exist");
            using var again = await server.Http.PostAsync(createUrl, Wire.Json(createBody));
            again.StatusCode.Should().Be(HttpStatusCode.OK, $"creating {key} again is a first attempt: {await again.Content.ReadAsStringAsync()}");
        }

        var family = createBody["structure_family"]!.GetValue<string>();
        var owned = createBody["data_sources"]!.AsArray().Count(s => s!["management"]!.GetValue<string>() == "writable");
        StorageDirectories(key).Should().HaveCount(owned, $"{key} owns {owned} storage directories");
        if (family == "array")
        {
            using var data = await server.Http.GetAsync($"/api/v1/array/full/{key}");
            data.StatusCode.Should().Be(HttpStatusCode.OK, await data.Content.ReadAsStringAsync());
        }
        else if (family == "table")
        {
            await TableWire.ReadAsync(server.Http, $"/api/v1/table/full/{key}");
        }

        if (Streams)
        {
            await RequireReplayAsync(key, null);
        }
    }

    /// <summary>
    /// With a shared stream cache: the node's stream opens and replays the whole writes it stores (each
    /// payload in order; null: not checked), then a write made now.
    /// </summary>
    private async Task RequireReplayAsync(string key, List<long[]>? stored)
    {
        if (!Streams || server.UnavailableReason is not null) { return; }
        using var socket = await WebSocketClient.ConnectAsync(server, $"{key}?envelope_format=json&start=0");
        (await WebSocketClient.ReceiveJsonAsync(socket))["type"]!.GetValue<string>().Should().EndWith("-schema");
        if (stored is null)
        {
            return;
        }

        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(Filled(9))))).EnsureSuccessStatusCode();
        foreach (var expected in stored.Append(Filled(9)))
        {
            var update = await WebSocketClient.ReceiveJsonAsync(socket);
            update["type"]!.GetValue<string>().Should().Be("array-data");
            update["payload"]!.AsArray().Select(v => v!.GetValue<long>()).Should().Equal(expected, $"the stream of {key} replays what it stores");
        }
    }

    private string[] StorageDirectories(string key) =>
        Directory.Exists(server.Settings.WriteStorage) ? Directory.GetDirectories(server.Settings.WriteStorage, $"{key}-*") : [];
}

public sealed class SqliteAbortedRequestTests(SqliteServer server, ITestOutputHelper output)
    : AbortedRequestTests<SqliteServer>(server, output);

public sealed class PostgresAbortedRequestTests(PostgresServer server, ITestOutputHelper output)
    : AbortedRequestTests<PostgresServer>(server, output);

public sealed class PostgresRedisAbortedRequestTests(PostgresRedisServer server, ITestOutputHelper output)
    : AbortedRequestTests<PostgresRedisServer>(server, output)
{
    protected override bool Streams => true;
}
