using FluentAssertions;
using Npgsql;
using Tiled.Application.Common.Errors;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class CatalogGuardTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public async Task A_write_rolled_back_as_a_conflict_victim_is_run_again(string sqlState)
    {
        var calls = 0;

        var result = await CatalogGuard.Unbounded.WriteAsync(_ => ++calls < 3 ? throw Postgres(sqlState) : Task.FromResult(calls), default);

        result.Should().Be(3);
    }

    [Fact]
    public async Task A_write_that_keeps_conflicting_is_a_503_after_a_few_attempts()
    {
        var calls = 0;

        var write = () => CatalogGuard.Unbounded.WriteAsync<int>(_ => { calls++; throw Postgres(PostgresErrorCodes.DeadlockDetected); }, default);

        (await write.Should().ThrowAsync<CatalogUnavailableException>()).Which.Message.Should().Contain("conflicting transaction");
        calls.Should().Be(4);
    }

    [Fact]
    public async Task A_write_whose_connection_broke_is_not_repeated_since_it_may_have_committed()
    {
        var calls = 0;

        var write = () => CatalogGuard.Unbounded.WriteAsync<int>(_ => { calls++; throw new NpgsqlException("Exception while reading from stream", new IOException("reset")); }, default);

        await write.Should().ThrowAsync<CatalogUnavailableException>();
        calls.Should().Be(1);
    }

    [Fact]
    public async Task A_call_that_does_not_answer_is_a_503_after_the_deadline_and_its_token_is_cancelled()
    {
        var guard = new CatalogGuard(TimeSpan.FromMilliseconds(200));
        var seen = new TaskCompletionSource<CancellationToken>();
        var unanswered = new TaskCompletionSource<int>();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var write = () => guard.WriteAsync(t => { seen.SetResult(t); return unanswered.Task; }, default);

        (await write.Should().ThrowAsync<CatalogUnavailableException>()).Which.Message.Should().Contain("did not answer within the configured timeout");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        (await seen.Task).IsCancellationRequested.Should().BeTrue("a call answered late must not go on to commit");
        unanswered.SetResult(1);
    }

    [Fact]
    public async Task A_call_that_stops_on_the_deadlines_cancellation_is_a_503_not_a_cancelled_request()
    {
        var guard = new CatalogGuard(TimeSpan.FromMilliseconds(100));

        var read = () => guard.ReadAsync(async t => { await Task.Delay(Timeout.Infinite, t); return 1; }, default);

        await read.Should().ThrowAsync<CatalogUnavailableException>();
    }

    [Fact]
    public async Task The_requests_own_cancellation_stays_a_cancellation()
    {
        var guard = new CatalogGuard(TimeSpan.FromSeconds(30));
        using var request = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var read = () => guard.ReadAsync(async t => { await Task.Delay(Timeout.Infinite, t); return 1; }, request.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    private static PostgresException Postgres(string sqlState) => new("conflict", "ERROR", "ERROR", sqlState);
}
