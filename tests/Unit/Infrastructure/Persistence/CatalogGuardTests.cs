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

        var result = await CatalogGuard.Unbounded.WriteAsync(() => ++calls < 3 ? throw Postgres(sqlState) : Task.FromResult(calls));

        result.Should().Be(3);
    }

    [Fact]
    public async Task A_write_that_keeps_conflicting_is_a_503_after_a_few_attempts()
    {
        var calls = 0;

        var write = () => CatalogGuard.Unbounded.WriteAsync<int>(() => { calls++; throw Postgres(PostgresErrorCodes.DeadlockDetected); });

        (await write.Should().ThrowAsync<CatalogUnavailableException>()).Which.Message.Should().Contain("conflicting transaction");
        calls.Should().Be(4);
    }

    [Fact]
    public async Task A_write_whose_connection_broke_is_not_repeated_since_it_may_have_committed()
    {
        var calls = 0;

        var write = () => CatalogGuard.Unbounded.WriteAsync<int>(() => { calls++; throw new NpgsqlException("Exception while reading from stream", new IOException("reset")); });

        await write.Should().ThrowAsync<CatalogUnavailableException>();
        calls.Should().Be(1);
    }

    private static PostgresException Postgres(string sqlState) => new("conflict", "ERROR", "ERROR", sqlState);
}
