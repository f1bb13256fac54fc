using FluentAssertions;
using Tiled.Client.Streaming;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>
/// Checks for concurrent-writer runs where writer <c>w</c> writes <c>[w, i]</c> for i = 0, 1, …:
/// every sequence 1..N exactly once, increasing, and each writer's writes in the order it made them.
/// </summary>
public static class DeliveryAssertions
{
    public static void ShouldBeEveryWriteOnceInOrder(this IReadOnlyList<ArrayDataReceived> updates, int writers, int writesPerWriter,
        string subscriber)
    {
        var total = writers * writesPerWriter;
        var sequences = updates.Select(u => u.Sequence).ToList();
        var firstWrong = Enumerable.Range(0, sequences.Count).FirstOrDefault(i => sequences[i] != i + 1, -1);
        sequences.Should().Equal(Enumerable.Range(1, total).Select(n => (long)n),
            $"{subscriber} must get each sequence exactly once, in increasing order (first wrong at index {firstWrong}: "
            + $"{string.Join(",", sequences.Skip(Math.Max(0, firstWrong - 3)).Take(12))})");
        var writes = updates.Select(u => u.Data<long>().Values).ToList();
        writes.Should().OnlyContain(v => v.Length == 2);
        for (var w = 0; w < writers; w++)
        {
            writes.Where(v => v[0] == w).Select(v => v[1]).Should().Equal(Enumerable.Range(0, writesPerWriter).Select(i => (long)i),
                $"{subscriber} must get writer {w}'s writes once each, in the order they were acknowledged");
        }
    }
}
