using BenchmarkDotNet.Attributes;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Bench.Micro;

/// <summary>
/// Assembling boxes of a 2048×2048 uint32 array (16 MiB) stored as sixteen 512×512 Zarr chunks,
/// through the server's array store (the files stay in the page cache): a read of all chunks, a
/// read and a read-modify-write of an unaligned 1000×1000 box that cuts nine chunks, and the write
/// of one whole chunk.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
[MemoryDiagnoser]
public class ChunkAssemblyBenchmarks
{
    private const int Side = 2048;
    private const int ChunkSide = 512;
    private static readonly long[] s_origin = [0, 0];
    private static readonly long[] s_whole = [Side, Side];
    private static readonly long[] s_boxStart = [300, 300];
    private static readonly long[] s_boxCount = [1000, 1000];
    private static readonly long[] s_chunk = [ChunkSide, ChunkSide];

    private DirectoryInfo _root = null!;
    private FileSystemArrayStore _store = null!;
    private ArrayStructure _structure = null!;
    private string _uri = "";
    private byte[] _box = [];
    private byte[] _chunk = [];

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("tiled-micro-");
        _store = new FileSystemArrayStore(new ArrayStorageOptions(_root.FullName));
        _structure = ArrayStructure.Create(DataType.UInt32, s_whole, ChunkGrid.Regular(s_whole, s_chunk), null);
        _uri = _store.CreateAsync(["bench"], _structure, CancellationToken.None).GetAwaiter().GetResult();
        var random = new Random(42);
        var whole = new byte[Side * Side * sizeof(uint)];
        random.NextBytes(whole);
        _store.WriteBoxAsync(_uri, _structure, s_origin, s_whole, whole, CancellationToken.None).GetAwaiter().GetResult();
        _box = new byte[1000 * 1000 * sizeof(uint)];
        random.NextBytes(_box);
        _chunk = new byte[ChunkSide * ChunkSide * sizeof(uint)];
        random.NextBytes(_chunk);
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Delete(recursive: true);

    [Benchmark(Baseline = true)]
    public async Task<int> ReadWholeArray() => (await _store.ReadBoxAsync(_uri, _structure, s_origin, s_whole, CancellationToken.None)).Length;

    [Benchmark]
    public async Task<int> ReadUnalignedBox() => (await _store.ReadBoxAsync(_uri, _structure, s_boxStart, s_boxCount, CancellationToken.None)).Length;

    [Benchmark]
    public Task WriteUnalignedBox() => _store.WriteBoxAsync(_uri, _structure, s_boxStart, s_boxCount, _box, CancellationToken.None);

    [Benchmark]
    public Task WriteOneChunk() => _store.WriteBoxAsync(_uri, _structure, s_chunk, s_chunk, _chunk, CancellationToken.None);
}
