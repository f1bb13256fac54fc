using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Tiled.IntegrationTests.Tables;
using Xunit;

namespace Tiled.IntegrationTests.ScaleOut;

/// <summary>
/// Several server processes on one catalog, storage directory and Redis (issue #11): writes through
/// every process at once never lose an acknowledged write, and a subscriber that applies the
/// stream in sequence order ends with exactly the stored array.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests(ServerCluster cluster) : IClassFixture<ServerCluster>
{
    private const int BlockLength = 4;

    [Fact]
    public async Task Concurrent_extending_writers_on_disjoint_blocks_lose_nothing_and_the_stream_matches_the_store()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();
        await using var subscriber = await StreamReplica.OpenAsync(cluster, 2, key, BlockLength);
        var writes = Enumerable.Range(0, 80).Select(i => new Write(i, i * BlockLength, Values(i, BlockLength))).ToList();

        var acknowledged = await WriteConcurrentlyAsync(key, writes, writers: 8);

        acknowledged.Should().HaveCount(writes.Count);
        var stored = await ReadAsync(key, 0);
        stored.Should().HaveCount(writes.Max(w => w.End), "the final shape is the largest acknowledged end");
        foreach (var write in acknowledged)
        {
            stored.Skip(write.Offset).Take(write.Values.Length).Should().Equal(write.Values, $"write {write.Id} was acknowledged");
        }

        (await subscriber.ApplyUntilAsync(writes.Count)).Should().Equal(stored);
    }

    [Fact]
    public async Task Reads_racing_extends_get_a_consistent_array_never_an_error()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();
        var writes = Enumerable.Range(0, 60).Select(i => new Write(i, i * BlockLength, Values(i, BlockLength))).ToList();
        using var done = new CancellationTokenSource();

        var writing = WriteConcurrentlyAsync(key, writes, writers: 4);
        var reading = Enumerable.Range(0, ServerCluster.Size).Select(process => Task.Run(async () =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested || reads == 0)
            {
                var read = await ReadAsync(key, process);
                read.Length.Should().BeGreaterThanOrEqualTo(BlockLength);
                foreach (var write in writes.Where(w => w.End <= read.Length))
                {
                    var block = read.Skip(write.Offset).Take(BlockLength).ToArray();
                    (block.All(v => v == 0) || block.SequenceEqual(write.Values)).Should().BeTrue($"block {write.Id} is either unwritten or whole");
                }

                reads++;
            }

            return reads;
        })).ToList();
        await writing;
        await done.CancelAsync();

        (await Task.WhenAll(reading)).Should().OnlyContain(reads => reads > 0);
    }

    [Fact]
    public async Task Concurrent_overlapping_writers_leave_the_stream_applied_in_order_equal_to_the_store()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();
        await using var subscriber = await StreamReplica.OpenAsync(cluster, 1, key, BlockLength);
        var random = new Random(11);
        var writes = Enumerable.Range(0, 90).Select(i => new Write(i, random.Next(0, 60), Values(i, 8))).ToList();

        var acknowledged = await WriteConcurrentlyAsync(key, writes, writers: 9);

        acknowledged.Should().HaveCount(writes.Count);
        var stored = await ReadAsync(key, 2);
        stored.Should().HaveCount(writes.Max(w => w.End));
        (await subscriber.ApplyUntilAsync(writes.Count)).Should().Equal(stored);
        foreach (var process in Enumerable.Range(0, ServerCluster.Size))
        {
            (await ReadAsync(key, process)).Should().Equal(stored, $"process {process} serves the same array");
        }
    }

    [Fact]
    public async Task Concurrent_table_appends_through_every_process_are_all_stored_in_stream_order()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("scale");
        await TableWire.CreateAsync(cluster.Clients[0], key);
        using var subscriber = new ClientWebSocket();
        subscriber.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
        await subscriber.ConnectAsync(new Uri($"ws{cluster.BaseUrl(1)[4..]}/api/v1/stream/single/{key}?envelope_format=json&start=0"),
            CancellationToken.None).WaitAsync(WebSocketClient.Deadline);
        (await WebSocketClient.ReceiveJsonAsync(subscriber))["type"]!.ToString().Should().Be("table-schema");

        await Parallel.ForEachAsync(Enumerable.Range(0, 45), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
        {
            var rows = TableWire.FileOf(TableWire.Rows([i * 10, i * 10 + 1], [i, i], [$"r{i}", null]));
            var response = await cluster.Clients[i % ServerCluster.Size].PatchAsync(
                $"/api/v1/table/partition/{key}?partition=0", TableWire.Body(rows), ct);
            response.EnsureSuccessStatusCode();
        });

        var streamed = new List<long>();
        for (var sequence = 1; sequence <= 45; sequence++)
        {
            var update = await WebSocketClient.ReceiveJsonAsync(subscriber);
            update["sequence"]!.GetValue<long>().Should().Be(sequence);
            streamed.AddRange(update["payload"]!["a"]!.AsArray().Select(v => v!.GetValue<long>()));
        }

        var stored = TableWire.Int64s(await TableWire.ReadAsync(cluster.Clients[2], $"/api/v1/table/full/{key}"));
        stored.Should().HaveCount(90);
        stored.Select(v => v!.Value).Should().Equal(streamed, "appends reach subscribers in the order they were stored");
    }

    [Fact]
    public async Task Concurrent_metadata_patches_through_every_process_are_all_kept()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();

        await Parallel.ForEachAsync(Enumerable.Range(0, 30), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
        {
            var patch = new JsonObject
            {
                ["content-type"] = "application/merge-patch+json",
                ["metadata"] = new JsonObject { [$"k{i}"] = i },
            };
            var response = await cluster.Clients[i % ServerCluster.Size].PatchAsync($"/api/v1/metadata/{key}", Wire.Json(patch), ct);
            response.EnsureSuccessStatusCode();
        });

        var document = await Wire.ReadJsonAsync(await cluster.Clients[0].GetAsync($"/api/v1/metadata/{key}"));
        var metadata = document["data"]!["attributes"]!["metadata"]!.AsObject();
        Enumerable.Range(0, 30).Select(i => $"k{i}").Should().BeSubsetOf(metadata.Select(p => p.Key));
    }

    [Fact]
    public async Task A_process_killed_during_writes_loses_no_acknowledged_write()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();
        var writes = Enumerable.Range(0, 90).Select(i => new Write(i, i * BlockLength, Values(i, BlockLength))).ToList();

        var writing = WriteConcurrentlyAsync(key, writes, writers: 6, tolerateFailures: true);
        await Task.Delay(300);
        cluster.Kill(1);
        var acknowledged = await writing;
        await cluster.StartAsync(1);

        acknowledged.Count.Should().BeGreaterThan(writes.Count / 2, "the other processes kept answering");
        foreach (var process in Enumerable.Range(0, ServerCluster.Size))
        {
            var stored = await ReadAsync(key, process);
            stored.Length.Should().BeGreaterThanOrEqualTo(acknowledged.Max(w => w.End));
            foreach (var write in acknowledged)
            {
                stored.Skip(write.Offset).Take(write.Values.Length).Should().Equal(write.Values, $"write {write.Id} was acknowledged");
            }
        }
    }

    [Fact]
    public async Task A_node_deleted_while_other_processes_write_it_leaves_no_files_and_no_stream_behind()
    {
        if (cluster.UnavailableReason is not null) { return; }
        var key = await CreateArrayAsync();
        var id = await cluster.NodeIdAsync(key);
        var writes = Enumerable.Range(0, 200).Select(i => new Write(i, i * BlockLength, Values(i, BlockLength))).ToList();

        var writing = WriteConcurrentlyAsync(key, writes, writers: 6, tolerateFailures: true);
        await Task.Delay(200);
        using var deleted = await cluster.Clients[2].DeleteAsync($"/api/v1/metadata/{key}?external_only=false");
        var acknowledged = await writing;

        deleted.EnsureSuccessStatusCode();
        acknowledged.Count.Should().BeLessThan(writes.Count, "writes after the deletion find no node");
        foreach (var process in Enumerable.Range(0, ServerCluster.Size))
        {
            (await cluster.Clients[process].GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        }

        Directory.EnumerateFileSystemEntries(cluster.StorageDirectory, $"{key}*", SearchOption.AllDirectories)
            .Should().BeEmpty("no write recreated the deleted array's files");
        (await cluster.RedisKeysAsync()).Should().NotContain(k => Regex.IsMatch(k, $":(sequence|data):{id}(:|$)"),
            "no write republished to the deleted node's stream");
    }

    private static long[] Values(int id, int length) => Enumerable.Range(0, length).Select(j => (long)(id + 1) * 1000 + j).ToArray();

    private async Task<string> CreateArrayAsync()
    {
        var key = Wire.NewKey("scale");
        var body = Wire.ArrayBody(key, "i", 8, [BlockLength], [[BlockLength]]);
        (await cluster.Clients[0].PostAsync("/api/v1/metadata/", Wire.Json(body))).EnsureSuccessStatusCode();
        return key;
    }

    /// <summary>Sends every write with <c>extend=true</c>, round-robin over the processes; returns those answered 200.</summary>
    private async Task<List<Write>> WriteConcurrentlyAsync(string key, List<Write> writes, int writers, bool tolerateFailures = false)
    {
        var acknowledged = new List<Write>();
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (write, ct) =>
        {
            var client = cluster.Clients[write.Id % ServerCluster.Size];
            var url = $"/api/v1/array/full/{key}?offset={write.Offset}&shape={write.Values.Length}&extend=true";
            try
            {
                using var response = await client.PatchAsync(url, Wire.Octets(Wire.Int64s(write.Values)), ct);
                if (response.IsSuccessStatusCode)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add(write);
                    }
                }
                else if (!tolerateFailures)
                {
                    throw new InvalidOperationException($"write {write.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
            catch (HttpRequestException) when (tolerateFailures)
            {
                // The process died under this request: not acknowledged.
            }
        });
        return acknowledged;
    }

    private async Task<long[]> ReadAsync(string key, int process)
    {
        using var response = await cluster.Clients[process].GetAsync($"/api/v1/array/full/{key}");
        response.EnsureSuccessStatusCode();
        return Wire.ToInt64s(await response.Content.ReadAsByteArrayAsync());
    }

    private sealed record Write(int Id, int Offset, long[] Values)
    {
        public int End => Offset + Values.Length;
    }

    /// <summary>A subscriber that rebuilds the array by applying each <c>array-data</c> in sequence order.</summary>
    private sealed class StreamReplica : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly List<long> _values;

        private StreamReplica(ClientWebSocket socket, int initialLength)
        {
            _socket = socket;
            _values = [.. new long[initialLength]];
        }

        public static async Task<StreamReplica> OpenAsync(ServerCluster cluster, int process, string key, int initialLength)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
            var uri = new Uri($"ws{cluster.BaseUrl(process)[4..]}/api/v1/stream/single/{key}?envelope_format=json&start=0");
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(WebSocketClient.Deadline);
            var schema = await WebSocketClient.ReceiveJsonAsync(socket);
            schema["type"]!.ToString().Should().Be("array-schema");
            return new StreamReplica(socket, initialLength);
        }

        /// <summary>Applies <paramref name="count"/> updates, checking that sequence numbers run 1, 2, 3...</summary>
        public async Task<long[]> ApplyUntilAsync(int count)
        {
            for (var expected = 1; expected <= count; expected++)
            {
                var message = await WebSocketClient.ReceiveJsonAsync(_socket);
                message["sequence"]!.GetValue<long>().Should().Be(expected);
                var offset = (int)message["offset"]![0]!.GetValue<long>();
                var payload = message["payload"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
                while (_values.Count < offset + payload.Length)
                {
                    _values.Add(0);
                }

                for (var i = 0; i < payload.Length; i++)
                {
                    _values[offset + i] = payload[i];
                }
            }

            return [.. _values];
        }

        public async ValueTask DisposeAsync()
        {
            _socket.Abort();
            _socket.Dispose();
            await Task.CompletedTask;
        }
    }
}
