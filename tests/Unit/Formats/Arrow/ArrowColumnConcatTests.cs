using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>A concatenated column owns its buffers: they stay valid after collections (the library's default allocator is native memory).</summary>
public sealed class ArrowColumnConcatTests
{
    [Fact]
    public void Concatenated_columns_keep_their_values_after_garbage_collection()
    {
        var numbers = Enumerable.Range(0, 200_000).Select(i => (long?)i).ToArray();
        var words = Enumerable.Range(0, 50_000).Select(i => i % 7 == 0 ? null : $"w{i}").ToArray();

        var joinedNumbers = ArrowColumn.Concat([ArrowColumn.FromInt64(numbers[..100_000]), ArrowColumn.FromInt64(numbers[100_000..])]);
        var joinedWords = ArrowColumn.Concat([ArrowColumn.FromStrings(words[..10]), ArrowColumn.FromStrings(words[10..])]);
        for (var round = 0; round < 3; round++)
        {
            _ = Enumerable.Range(0, 64).Select(_ => new byte[1 << 20]).ToList();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Enumerable.Range(0, numbers.Length).Select(joinedNumbers.GetInt64).Should().Equal(numbers.Select(n => n!.Value));
        Enumerable.Range(0, words.Length).Select(i => joinedWords.IsNull(i) ? null : joinedWords.GetString(i)).Should().Equal(words);
    }
}
