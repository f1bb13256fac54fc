using BenchmarkDotNet.Attributes;
using Tiled.Domain.Arrays;

namespace Tiled.Bench.Micro;

/// <summary>
/// Parsing, resolving and selecting a slice of a 2048×2048 uint32 array (16 MiB), as the server does
/// for <c>GET /api/v1/array/full/{path}?slice=...</c>. The box bytes are prepared once per slice.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
[MemoryDiagnoser]
public class SliceSelectionBenchmarks
{
    private const int Side = 2048;
    private const int ItemSize = sizeof(uint);
    private static readonly long[] s_shape = [Side, Side];

    private byte[] _box = [];

    /// <summary>Everything; a block of whole rows; a block of half rows; every other element; a column.</summary>
    [Params("", "512:1536", "0:2048,512:1536", "::2,::2", ":,7")]
    public string Slice { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var resolved = ArraySlice.Parse(Slice).Resolve(s_shape);
        _box = new byte[resolved.BoxCount.Aggregate((long)ItemSize, (product, n) => product * n)];
        new Random(42).NextBytes(_box);
    }

    [Benchmark]
    public int ParseResolveSelect() => ArraySlice.Parse(Slice).Resolve(s_shape).Select(_box, ItemSize).Length;
}
