using FluentAssertions;
using Tiled.Api.Hosting;
using Xunit;

namespace Tiled.UnitTests.Api.Hosting;

public sealed class IdleMemoryPolicyTests
{
    private const long MiB = 1024 * 1024;
    private readonly IdleMemoryPolicy _policy = new(new IdleMemoryOptions());

    [Fact]
    public void A_quiet_server_never_trims()
    {
        Ticks(0, MiB, 2 * MiB, 3 * MiB).Should().OnlyContain(trim => !trim);
    }

    [Fact]
    public void The_first_quiet_interval_after_a_burst_trims_once()
    {
        Ticks(0, 100 * MiB, 101 * MiB, 102 * MiB).Should().Equal(false, false, true, false);
    }

    [Fact]
    public void A_server_that_stays_busy_is_not_trimmed_until_it_goes_quiet()
    {
        Ticks(0, 100 * MiB, 200 * MiB, 220 * MiB, 221 * MiB).Should().Equal(false, false, false, false, true);
    }

    [Fact]
    public void Each_burst_is_followed_by_one_trim()
    {
        Ticks(0, 100 * MiB, 100 * MiB, 300 * MiB, 300 * MiB).Should().Equal(false, false, true, false, true);
    }

    private IEnumerable<bool> Ticks(params long[] allocatedSoFar) => allocatedSoFar.Select(_policy.ShouldTrim).ToList();
}
