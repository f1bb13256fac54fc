using System.Buffers.Binary;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class NpyFormatTests : IDisposable
{
    private const string Npy = ExternalArrayReader.NpyMimetype;
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_little_endian_matrix_is_inspected_and_read_in_every_header_version(int version)
    {
        var data = NpyFiles.Int32(Enumerable.Range(0, 12).Select(i => (i * 7) - 20));
        var path = _fixture.Write("m.npy", NpyFiles.Build("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }", data, version));
        var source = ExternalFixture.Source(Npy, null, path);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(DataType.Int32);
        structure.Shape.Should().Equal(3, 4);
        structure.Chunks.Should().BeEquivalentTo(new[] { new long[] { 3 }, [4] }, o => o.WithStrictOrdering());
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [3, 4], default)).Should().Equal(data);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 1], [2, 2], default))
            .Should().Equal(ExternalTestArrays.Box(data, [3, 4], [1, 1], [2, 2], 4));
    }

    [Fact]
    public async Task A_big_endian_file_is_served_in_its_own_order_or_swapped_to_the_declared_one()
    {
        var values = new[] { 1, -2, 300_000, int.MinValue, int.MaxValue, 0 };
        var data = NpyFiles.Int32(values, bigEndian: true);
        var path = _fixture.Write("be.npy", NpyFiles.Build("{'descr': '>i4', 'fortran_order': False, 'shape': (2, 3), }", data));
        var source = ExternalFixture.Source(Npy, null, path);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(new DataType('i', 4, Endianness.Big));
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [2, 3], default)).Should().Equal(data);
        var little = structure with { DataType = DataType.Int32 };
        (await _fixture.Reader.ReadBoxAsync(source, little, [0, 0], [2, 3], default)).Should().Equal(NpyFiles.Int32(values));
    }

    [Fact]
    public async Task Random_boxes_of_a_3d_array_match_the_reference()
    {
        long[] shape = [7, 9, 11];
        var data = NpyFiles.Float64(Enumerable.Range(0, 7 * 9 * 11).Select(i => (i * 0.25) - 100));
        var path = _fixture.Write("cube.npy", NpyFiles.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (7, 9, 11), }", data));
        var source = ExternalFixture.Source(Npy, null, path);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        foreach (var (start, count) in ExternalTestArrays.RandomBoxes(shape, 40))
        {
            (await _fixture.Reader.ReadBoxAsync(source, structure, start, count, default))
                .Should().Equal(ExternalTestArrays.Box(data, shape, start, count, 8), $"box at [{string.Join(",", start)}] of [{string.Join(",", count)}]");
        }
    }

    [Theory]
    [InlineData(5, 9000, 8)]
    [InlineData(1000, 1000, 1)]
    public async Task Narrow_column_boxes_of_large_arrays_read_through_windows_or_direct_reads(int rows, int columns, int itemSize)
    {
        long[] shape = [rows, columns];
        var data = new byte[rows * columns * itemSize];
        new Random(rows).NextBytes(data);
        var descr = itemSize == 1 ? "|u1" : "<f8";
        var path = _fixture.Write("wide.npy", NpyFiles.Build($"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}", data));
        var source = ExternalFixture.Source(Npy, null, path);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        foreach (var (start, count) in new (long[], long[])[] { ([0, 500], [rows, 2]), ([1, 0], [rows - 1, 1]), ([2, 7], [2, columns - 7]) })
        {
            (await _fixture.Reader.ReadBoxAsync(source, structure, start, count, default))
                .Should().Equal(ExternalTestArrays.Box(data, shape, start, count, itemSize));
        }
    }

    [Fact]
    public async Task A_scalar_and_an_empty_array_are_read()
    {
        var scalar = _fixture.Write("s.npy", NpyFiles.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", NpyFiles.Float64([2.5])));
        var empty = _fixture.Write("e.npy", NpyFiles.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", []));

        var s = await _fixture.Reader.InspectAsync(ExternalFixture.Source(Npy, null, scalar), default);
        var e = await _fixture.Reader.InspectAsync(ExternalFixture.Source(Npy, null, empty), default);

        s.Shape.Should().BeEmpty();
        (await _fixture.Reader.ReadBoxAsync(ExternalFixture.Source(Npy, null, scalar), s, [], [], default)).Should().Equal(NpyFiles.Float64([2.5]));
        e.Shape.Should().Equal(0, 3);
        (await _fixture.Reader.ReadBoxAsync(ExternalFixture.Source(Npy, null, empty), e, [0, 0], [0, 3], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Fortran_order_is_unsupported_except_where_it_is_the_c_layout()
    {
        var matrix = _fixture.Write("f.npy", NpyFiles.Build("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", new byte[24]));
        var vector = _fixture.Write("v.npy", NpyFiles.Build("{'descr': '<i4', 'fortran_order': True, 'shape': (6,), }", new byte[24]));

        (await Code(ExternalFixture.Source(Npy, null, matrix))).Should().Be(ExternalDataException.UnsupportedMediaType);
        (await _fixture.Reader.InspectAsync(ExternalFixture.Source(Npy, null, vector), default)).Shape.Should().Equal(6);
    }

    [Theory]
    [InlineData("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (1,), }", ExternalDataException.UnsupportedMediaType)]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", ExternalDataException.UnsupportedMediaType)]
    [InlineData("{'descr': '|O8', 'fortran_order': False, 'shape': (1,), }", ExternalDataException.UnsupportedMediaType)]
    [InlineData("{'descr': '<f8', 'shape': (1,), }", ExternalDataException.InvalidExternalData)]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", ExternalDataException.InvalidExternalData)]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", ExternalDataException.InvalidExternalData)]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", ExternalDataException.InvalidExternalData)]
    public async Task Bad_headers_and_truncated_data_are_refused_with_their_code(string header, string code)
    {
        var path = _fixture.Write("bad.npy", NpyFiles.Build(header, new byte[8]));

        (await Code(ExternalFixture.Source(Npy, null, path))).Should().Be(code);
    }

    [Fact]
    public async Task A_file_that_is_not_npy_or_of_an_unknown_version_is_refused()
    {
        var text = _fixture.Write("text.npy", "hello, world"u8.ToArray());
        var future = NpyFiles.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        future[6] = 4;
        var v4 = _fixture.Write("v4.npy", future);
        var tiny = _fixture.Write("tiny.npy", [0x93]);

        (await Code(ExternalFixture.Source(Npy, null, text))).Should().Be(ExternalDataException.InvalidExternalData);
        (await Code(ExternalFixture.Source(Npy, null, v4))).Should().Be(ExternalDataException.UnsupportedMediaType);
        (await Code(ExternalFixture.Source(Npy, null, tiny))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_file_that_no_longer_matches_the_declared_structure_is_invalid()
    {
        var path = _fixture.Write("m.npy", NpyFiles.Build("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }", new byte[48]));
        var source = ExternalFixture.Source(Npy, null, path);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var wrongShape = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [4, 4]), [0, 0], [1, 1], default);
        var wrongType = () => _fixture.Reader.ReadBoxAsync(source, structure with { DataType = DataType.Float32 }, [0, 0], [1, 1], default);

        (await wrongShape.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        (await wrongType.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_box_outside_the_shape_is_a_caller_error()
    {
        var path = _fixture.Write("m.npy", NpyFiles.Build("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }", new byte[48]));
        var source = ExternalFixture.Source(Npy, null, path);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, structure, [2, 0], [2, 4], default);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_missing_file_is_invalid()
    {
        (await Code(ExternalFixture.Source(Npy, null, Path.Combine(_fixture.Root, "gone.npy")))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public void Large_flat_arrays_are_chunked_along_the_first_axis_under_64_MiB()
    {
        var chunks = ExternalBox.FlatChunks([1000, 1000, 100], 8);

        chunks[0][0].Should().Be(83);
        chunks[1].Should().Equal(1000);
        chunks[2].Should().Equal(100);
        ExternalBox.FlatChunks([10, 1 << 24], 8)[0].Should().AllBeEquivalentTo(1);
        ExternalBox.FlatChunks([10, 1 << 24], 8)[1][0].Should().Be(1 << 23);
        ExternalBox.FlatChunks([0, 5], 4).Should().BeEquivalentTo(new[] { new long[] { 0 }, [5] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Bytes_are_written_as_expected_by_the_helpers()
    {
        BinaryPrimitives.ReadInt32BigEndian(NpyFiles.Int32([258], bigEndian: true)).Should().Be(258);
    }

    private Task<string> Code(Tiled.Domain.DataSources.DataSource source) => ExternalCodes.OfInspectAsync(_fixture.Reader, source);
}
