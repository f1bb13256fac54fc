using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;
using static Tiled.UnitTests.Infrastructure.ExternalArrays.TiffFormatTests;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>
/// A generated corpus of truncated and corrupted TIFF files (issue #14, item 6): reading each either
/// works or fails with <see cref="ExternalDataException"/> (invalid data or unsupported media type,
/// which the API answers with a 4xx); no other exception escapes. Complements the hand-made files of
/// <c>tests/Integration/Hostile/Corpus</c>, which go through the HTTP API.
/// </summary>
public sealed class TiffCorruptionTests : IDisposable
{
    /// <summary>Larger decoded arrays are inspected but not read (a corrupted width or height can claim gigabytes).</summary>
    private const long MaxBytesRead = 16 << 20;

    private readonly ExternalFixture _fixture = new();
    private int _files;

    public static TheoryData<string> Files => new() { "lzw-tiled", "deflate-strips-big-endian", "bigtiff-pages", "packbits-rgb" };

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_truncation_fails_cleanly(string name)
    {
        var file = Valid(name);
        var whole = ExternalFixture.Source(ExternalArrayReader.TiffMimetype, null, _fixture.Write("whole.tif", file));
        (await _fixture.Reader.InspectAsync(whole, default)).Shape.Should().NotBeEmpty("the uncorrupted file reads");
        for (var length = 0; length < file.Length; length += Math.Max(1, file.Length / 200))
        {
            await ReadOrFailCleanlyAsync(file[..length], $"{name} cut to {length} of {file.Length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corrupted_bytes_fail_cleanly_or_read(string name)
    {
        var file = Valid(name);
        var random = new Random(name.Length * 7919);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var corrupted = (byte[])file.Clone();
            var flips = random.Next(1, 5);
            for (var i = 0; i < flips; i++)
            {
                // Mostly the header and directories (the first and last bytes here), sometimes anywhere.
                var position = random.Next(4) switch
                {
                    0 => random.Next(corrupted.Length),
                    1 => random.Next(Math.Min(16, corrupted.Length)),
                    _ => corrupted.Length - 1 - random.Next(Math.Min(400, corrupted.Length)),
                };
                corrupted[position] = (byte)random.Next(256);
            }

            await ReadOrFailCleanlyAsync(corrupted, $"{name} corruption #{attempt}");
        }
    }

    private static byte[] Valid(string name) => name switch
    {
        "lzw-tiled" => new TestTiffWriter().Write(new TestTiffImage(53, 37, 1, 16, 1, Samples(37 * 53, 2, smooth: true))
        {
            Compression = 5, Predictor = 2, TileWidth = 16, TileLength = 16,
        }),
        "deflate-strips-big-endian" => new TestTiffWriter(bigEndian: true).Write(new TestTiffImage(30, 20, 1, 32, 3, Samples(600, 4, smooth: true))
        {
            Compression = 8, Predictor = 3, RowsPerStrip = 7,
        }),
        "bigtiff-pages" => new TestTiffWriter(bigTiff: true).Write(
            new TestTiffImage(9, 8, 1, 16, 1, Samples(72, 2, smooth: false)) { Compression = 8 },
            new TestTiffImage(9, 8, 1, 16, 1, Samples(72, 2, smooth: false, seed: 2)) { Compression = 5 }),
        _ => new TestTiffWriter().Write(new TestTiffImage(12, 10, 3, 8, 1, Samples(360, 1, smooth: true)) { Compression = 32773, RowsPerStrip = 3 }),
    };

    private async Task ReadOrFailCleanlyAsync(byte[] file, string what)
    {
        var source = ExternalFixture.Source(ExternalArrayReader.TiffMimetype, null, _fixture.Write($"c{_files++}.tif", file));
        try
        {
            var structure = await _fixture.Reader.InspectAsync(source, default);
            var shape = structure.Shape.ToArray();
            if (shape.Aggregate(1.0, (product, n) => product * n) * structure.DataType.ItemSize <= MaxBytesRead)
            {
                await _fixture.Reader.ReadBoxAsync(source, structure, new long[shape.Length], shape, default);
            }
        }
        catch (ExternalDataException e)
        {
            e.ErrorCode.Should().BeOneOf(new[] { ExternalDataException.InvalidExternalData, ExternalDataException.UnsupportedMediaType }, what);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.GetType().Name} escaped: {e.Message}");
        }
    }
}
