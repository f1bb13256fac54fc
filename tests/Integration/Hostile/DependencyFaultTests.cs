using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Streaming;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Tiled.IntegrationTests.Tables;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// PostgreSQL and Redis stopped and frozen while clients write: every answer is 200 or 503 with
/// Retry-After and a detail naming what is unavailable, none takes much longer than the dependency
/// timeout, the first requests after recovery succeed, and nothing acknowledged is lost.
/// </summary>
[Collection(nameof(DependencyFaultTests))]
public sealed class DependencyFaultTests(FaultyServer server, ITestOutputHelper output) : IClassFixture<FaultyServer>
{
    // A request waits for one call to a dependency that does not answer (each is bounded by the
    // timeout) or for a node lock another writer holds (twice the timeout); the rest is scheduling slack.
    private static readonly TimeSpan LatencyBound = TimeSpan.FromSeconds(FaultyServer.TimeoutSeconds * 2 + 1.5);

    // The first requests after the dependency is back succeed (Redis is reconnected within a quarter of a second).
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, long> _acknowledged = [];
    private readonly List<string> _created = [];
    private readonly List<string> _refused = [];
    private readonly Dictionary<string, List<long>> _appended = [];
    private long _lastRow;

    [Fact]
    public Task PostgreSQL_stopped_then_started() => RunAsync("the catalog database",
        () => server.Dependencies.StopPostgresAsync(), () => server.Dependencies.StartPostgresAsync());

    [Fact]
    public Task PostgreSQL_frozen_then_thawed() => RunAsync("the catalog database",
        () => server.Dependencies.SignalPostgresAsync("STOP"), () => server.Dependencies.SignalPostgresAsync("CONT"));

    [Fact]
    public Task Redis_stopped_then_started() => RunAsync("stream cache",
        () => { server.Dependencies.StopRedis(); return Task.CompletedTask; }, () => server.Dependencies.StartRedisAsync());

    [Fact]
    public Task Redis_frozen_then_thawed() => RunAsync("stream cache",
        () => server.Dependencies.SignalRedisAsync("STOP"), () => server.Dependencies.SignalRedisAsync("CONT"));

    /// <summary>
    /// Creates in flight when PostgreSQL freezes (some sent their insert, some their commit): each one
    /// answered 503 changed nothing, so repeating it answers 200, and each node that exists is readable.
    /// </summary>
    [Fact]
    public async Task Creates_in_flight_when_PostgreSQL_freezes_are_whole_or_absent_once_it_thaws()
    {
        if (server.UnavailableReason is not null) { return; }
        JsonObject Body(string key) => key[0] == 'c' ? Wire.ContainerBody(key) : Wire.Int64Body(key, 2);
        var recovered = await ArrayAsync(); // and a warm server
        var outcomes = new List<(string Key, HttpStatusCode Status)>();
        var frozen = false;
        var workers = Enumerable.Range(0, 8).Select(async worker =>
        {
            // Creates one after another until PostgreSQL is frozen: the last one of each is in flight then.
            while (!Volatile.Read(ref frozen))
            {
                var key = Wire.NewKey(worker % 2 == 0 ? "c" : "a");
                using var response = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Body(key)));
                lock (outcomes) { outcomes.Add((key, response.StatusCode)); }
            }
        }).ToList();
        await Task.Delay(Random.Shared.Next(20, 80));
        await server.Dependencies.SignalPostgresAsync("STOP");
        Volatile.Write(ref frozen, true);
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            await server.Dependencies.SignalPostgresAsync("CONT");
        }

        output.WriteLine($"creates in flight: {string.Join(", ", outcomes.GroupBy(o => (int)o.Status).Select(g => $"{g.Count()}×{g.Key}"))}");
        outcomes.Should().OnlyContain(o => o.Status == HttpStatusCode.OK || o.Status == HttpStatusCode.ServiceUnavailable);
        await WriteUntilRecoveredAsync([recovered]);
        foreach (var (key, status) in outcomes)
        {
            if (status != HttpStatusCode.OK)
            {
                using var retry = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Body(key)));
                retry.StatusCode.Should().Be(HttpStatusCode.OK, $"the create of {key} answered 503, so it changed nothing: {await retry.Content.ReadAsStringAsync()}");
            }

            if (key[0] == 'a')
            {
                (await server.Http.GetAsync($"/api/v1/array/full/{key}")).StatusCode.Should().Be(HttpStatusCode.OK, $"{key} has its storage");
            }
        }
    }

    /// <summary>An array to write, and its table to append to (<see cref="TableOf"/>).</summary>
    private async Task<string> ArrayAsync()
    {
        var key = Wire.NewKey("a");
        await Wire.CreateInt64ArrayAsync(server.Http, key, 0, 0);
        await TableWire.CreateAsync(server.Http, TableOf(key));
        _acknowledged[key] = 0;
        _appended[TableOf(key)] = [];
        return key;
    }

    [Fact]
    public async Task A_stored_API_key_while_PostgreSQL_is_stopped_gets_a_503_not_a_401_or_500()
    {
        if (server.UnavailableReason is not null) { return; }
        var principal = await TiledCli.RunOkAsync("admin", "create-principal", server.Settings.DatabaseUri, "--role", "user");
        var secret = await TiledCli.RunOkAsync("api-key", "create", server.Settings.DatabaseUri, "--principal", principal);
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Apikey", secret);
        var array = await ArrayAsync();

        await server.Dependencies.StopPostgresAsync();
        Outcome during;
        try
        {
            during = await TimedAsync(() => client.GetAsync("/api/v1/metadata/"));
        }
        finally
        {
            await server.Dependencies.StartPostgresAsync();
        }

        during.Status.Should().Be(HttpStatusCode.ServiceUnavailable, during.Detail);
        during.RetryAfter.Should().BeTrue();
        during.Detail.Should().Contain("catalog database");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await client.GetAsync("/api/v1/metadata/")).StatusCode != HttpStatusCode.OK)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the key is accepted again once the database is back");
            await Task.Delay(100);
        }

        // Writes are never retried on a connection the restart broke: let them find fresh ones before the next test.
        await WriteUntilRecoveredAsync([array]);
    }

    [Fact]
    public async Task A_subscription_opened_while_Redis_is_frozen_closes_within_the_cache_timeout_and_works_once_it_thaws()
    {
        if (server.UnavailableReason is not null) { return; }
        var array = Wire.NewKey("a");
        await Wire.CreateInt64ArrayAsync(server.Http, array, 0, 0);

        await server.Dependencies.SignalRedisAsync("STOP");
        (int? Code, string? Reason) closed;
        var watch = Stopwatch.StartNew();
        try
        {
            using var socket = await WebSocketClient.ConnectAsync(server, $"{array}?envelope_format=json");
            closed = await WebSocketClient.ReadUntilCloseAsync(socket);
        }
        finally
        {
            await server.Dependencies.SignalRedisAsync("CONT");
        }

        output.WriteLine($"subscription while Redis was frozen: closed {closed.Code} '{closed.Reason}' after {watch.ElapsedMilliseconds} ms");
        closed.Code.Should().Be(1011, "the subscription could not open: a transient error the client reconnects after");
        // Its first Redis call (the counter read before SUBSCRIBE) gives up after the cache timeout (2 s here).
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(FaultyServer.TimeoutSeconds + 2));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var socket = await WebSocketClient.ConnectAsync(server, $"{array}?envelope_format=json");
            var (type, _) = await WebSocketClient.ReceiveAsync(socket);
            if (type == System.Net.WebSockets.WebSocketMessageType.Text)
            {
                break; // The schema: subscribed.
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "subscriptions work again once Redis is back");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_live_feeds_subscribe_and_unsubscribe_give_up_after_the_cache_timeout_while_Redis_is_frozen()
    {
        if (server.UnavailableReason is not null) { return; }
        var prefix = $"feeds-{Guid.NewGuid():N}:";
        var timeout = TimeSpan.FromSeconds(1);
        await using var cache = await RedisStreamCache.ConnectAsync(server.Dependencies.RedisUri,
            new StreamCacheOptions { CallTimeout = timeout }, prefix, NullLogger<RedisStreamCache>.Instance);
        using var direct = await ConnectionMultiplexer.ConnectAsync(server.Dependencies.RedisUri["redis://".Length..]);
        var leaving = await cache.SubscribeAsync(1, default);

        await server.Dependencies.SignalRedisAsync("STOP");
        TimeSpan subscribing, unsubscribing;
        try
        {
            var watch = Stopwatch.StartNew();
            var subscribe = () => cache.SubscribeAsync(2, default);
            await subscribe.Should().ThrowAsync<TimeoutException>();
            subscribing = watch.Elapsed;
            watch.Restart();
            await leaving.DisposeAsync(); // UNSUBSCRIBE: its failure is logged, never thrown
            unsubscribing = watch.Elapsed;
        }
        finally
        {
            await server.Dependencies.SignalRedisAsync("CONT");
        }

        output.WriteLine($"while Redis was frozen: SUBSCRIBE gave up after {subscribing.TotalMilliseconds:0} ms, UNSUBSCRIBE after {unsubscribing.TotalMilliseconds:0} ms");
        // Bounded by the call timeout (1 s), not by the library's own (5 s) or not at all.
        subscribing.Should().BeLessThan(timeout * 3);
        unsubscribing.Should().BeLessThan(timeout * 3);

        // Once Redis answers again, the SUBSCRIBE given up on is undone: no channel stays subscribed without a feed.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await SubscribersAsync(direct, $"{prefix}notify:2") != 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the late SUBSCRIBE is unsubscribed");
            await Task.Delay(100);
        }

        await using var again = await cache.SubscribeAsync(2, default);
        (await SubscribersAsync(direct, $"{prefix}notify:2")).Should().Be(1);
    }

    private static async Task<long> SubscribersAsync(ConnectionMultiplexer redis, string channel) =>
        (long)((RedisResult[]?)await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel) ?? [])[1];

    private async Task RunAsync(string dependency, Func<Task> fail, Func<Task> recover)
    {
        if (server.UnavailableReason is not null) { return; }
        string[] arrays = [await ArrayAsync(), await ArrayAsync()];

        await fail();
        var during = await WriteAsync(arrays, TimeSpan.FromSeconds(FaultyServer.TimeoutSeconds * 4));
        await recover();
        var (after, recovered) = await WriteUntilRecoveredAsync(arrays);
        output.WriteLine($"{dependency}: during {Summary(during)}; recovered after {recovered.TotalMilliseconds:0} ms; then {Summary(after)}");

        during.Should().OnlyContain(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.ServiceUnavailable, Summary(during));
        during.Should().Contain(r => r.Status == HttpStatusCode.ServiceUnavailable);
        during.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).Should()
            .OnlyContain(r => r.RetryAfter && r.Detail.Contains(dependency, StringComparison.OrdinalIgnoreCase), Summary(during));
        during.Max(r => r.Elapsed).Should().BeLessThan(LatencyBound);
        // Only a write in flight when the dependency stopped answering may be stored and not announced:
        // the first unanswered call makes the cache unavailable, and later writes are refused before storing.
        during.Count(r => r.Detail.Contains("may not have been announced", StringComparison.Ordinal)).Should()
            .BeLessThanOrEqualTo(arrays.Length, Summary(during));
        recovered.Should().BeLessThan(RecoveryBound, "recovery is immediate");
        after.Should().OnlyContain(r => r.Status == HttpStatusCode.OK, "recovery is immediate: " + Summary(after));
        await RequireNothingLostAsync();
    }

    /// <summary>Two clients write for <paramref name="duration"/>: whole-array PUTs of growing values, container creates and table appends.</summary>
    private async Task<List<Outcome>> WriteAsync(string[] arrays, TimeSpan duration)
    {
        var deadline = DateTime.UtcNow + duration;
        var outcomes = new List<Outcome>();
        await Task.WhenAll(arrays.Select(async key =>
        {
            while (DateTime.UtcNow < deadline)
            {
                var round = await WriteOnceAsync(key);
                lock (outcomes)
                {
                    outcomes.AddRange(round);
                }
            }
        }));
        return outcomes;
    }

    /// <summary>Writes until one round succeeds (within 15 s), then 10 more rounds, which must all succeed.</summary>
    private async Task<(List<Outcome> After, TimeSpan Recovered)> WriteUntilRecoveredAsync(string[] arrays)
    {
        var recovery = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await WriteOnceAsync(arrays[0])).All(o => o.Status == HttpStatusCode.OK))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the server recovers once the dependency is back");
            await Task.Delay(100);
        }

        var recovered = recovery.Elapsed;
        var after = new List<Outcome>();
        for (var i = 0; i < 10; i++)
        {
            after.AddRange(await WriteOnceAsync(arrays[i % arrays.Length]));
        }

        return (after, recovered);
    }

    private async Task<Outcome[]> WriteOnceAsync(string key)
    {
        var value = _acknowledged[key] + 1;
        var put = await TimedAsync(() => server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(value, value))));
        if (put.Status == HttpStatusCode.OK)
        {
            lock (_acknowledged) { _acknowledged[key] = value; }
        }

        var child = Wire.NewKey("c");
        var create = await TimedAsync(() => server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(child))));
        if (create.Status == HttpStatusCode.OK)
        {
            lock (_created) { _created.Add(child); }
        }
        else
        {
            lock (_refused) { _refused.Add(child); }
        }

        var table = TableOf(key);
        var row = Interlocked.Increment(ref _lastRow);
        var append = await TimedAsync(() => server.Http.PatchAsync($"/api/v1/table/partition/{table}?partition=0",
            TableWire.Body(TableWire.FileOf(TableWire.Rows([row], [null], [null])))));
        if (append.Status == HttpStatusCode.OK)
        {
            lock (_appended) { _appended[table].Add(row); }
        }

        return [put, create, append];
    }

    private static string TableOf(string key) => $"t{key}";

    private async Task RequireNothingLostAsync()
    {
        foreach (var (key, value) in _acknowledged)
        {
            Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(value, value);
        }

        // An append answered 503 stored nothing (taken back if it could not be announced), so Tiled's
        // client, which retries a 503, never appends a row twice.
        foreach (var (table, rows) in _appended)
        {
            var stored = await TableWire.ReadAsync(server.Http, $"/api/v1/table/partition/{table}?partition=0");
            stored.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => b.Columns[0].GetInt64(i))).Should().Equal(rows, table);
        }

        foreach (var child in _created)
        {
            (await server.Http.GetAsync($"/api/v1/metadata/{child}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // A create answered 503 changed nothing: repeating it is a first attempt (never 409).
        foreach (var child in _refused)
        {
            using var retry = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(child)));
            retry.StatusCode.Should().Be(HttpStatusCode.OK, $"the create of {child} answered 503, so it changed nothing: {await retry.Content.ReadAsStringAsync()}");
        }

        _refused.Clear();
    }

    private static async Task<Outcome> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        var detail = response.IsSuccessStatusCode ? "" : JsonNode.Parse(body)?["detail"]?.ToString() ?? body;
        return new Outcome(response.StatusCode, watch.Elapsed, response.Headers.RetryAfter is not null, detail);
    }

    private static string Summary(List<Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => (int)o.Status).Select(g => $"{g.Count()}×{g.Key}"))
        + $", slowest {(outcomes.Count == 0 ? 0 : outcomes.Max(o => o.Elapsed.TotalMilliseconds)):0} ms"
        + string.Concat(outcomes.Where(o => o.Status != HttpStatusCode.OK).Select(o => o.Detail).Distinct().Take(3).Select(d => $" [{d}]"));

    private sealed record Outcome(HttpStatusCode Status, TimeSpan Elapsed, bool RetryAfter, string Detail);
}
