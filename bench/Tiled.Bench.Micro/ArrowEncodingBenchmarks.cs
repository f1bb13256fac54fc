using BenchmarkDotNet.Attributes;
using Tiled.Formats.Arrow;

namespace Tiled.Bench.Micro;

/// <summary>
/// Arrow IPC (Apache.Arrow under our checked column model) on a 100,000-row table (int64, float64 and utf8 columns, about 3 MB): the
/// stream format is what table reads answer and writes accept, the file format what partitions are
/// stored in.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
[MemoryDiagnoser]
public class ArrowEncodingBenchmarks
{
    private const int Rows = 100_000;

    private ArrowSchema _schema = null!;
    private RecordBatch _batch = null!;
    private byte[] _stream = [];
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _schema = new ArrowSchema([
            new ArrowField("sequence", ArrowType.Int64),
            new ArrowField("value", ArrowType.Float64),
            new ArrowField("label", ArrowType.Utf8),
        ]);
        _batch = new RecordBatch([
            ArrowColumn.FromInt64([.. Enumerable.Range(0, Rows).Select(i => (long?)i)]),
            ArrowColumn.FromFloat64([.. Enumerable.Range(0, Rows).Select(i => i % 100 == 0 ? null : (double?)random.NextDouble())]),
            ArrowColumn.FromStrings([.. Enumerable.Range(0, Rows).Select(i => (string?)$"detector-{i % 64}")]),
        ]);
        _stream = ArrowStreamWriter.Write(_schema, [_batch]);
        _file = ArrowFileWriter.Write(_schema, [_batch]);
    }

    [Benchmark(Baseline = true)]
    public int WriteStream() => ArrowStreamWriter.Write(_schema, [_batch]).Length;

    [Benchmark]
    public int WriteFile() => ArrowFileWriter.Write(_schema, [_batch]).Length;

    /// <summary>What table responses and the table store use: the bytes left in the writer's buffer.</summary>
    [Benchmark]
    public int WriteFileToMemory() => ArrowFileWriter.WriteToMemory(_schema, [_batch]).Length;

    [Benchmark]
    public long ReadStream() => ArrowStreamReader.Read(_stream).RowCount;

    [Benchmark]
    public long ReadFile() => ArrowFileReader.Read(_file).RowCount;

    /// <summary>A table response's codec work: a stored stream partition read, then written as a file.</summary>
    [Benchmark]
    public int ReadStreamThenWriteFile()
    {
        var table = ArrowStreamReader.Read(_stream);
        return ArrowFileWriter.WriteToMemory(table.Schema, table.Batches).Length;
    }

    /// <summary>A table response's codec work: the stored partition read, then written again.</summary>
    [Benchmark]
    public int ReadFileThenWrite()
    {
        var table = ArrowFileReader.Read(_file);
        return ArrowFileWriter.WriteToMemory(table.Schema, table.Batches).Length;
    }
}
