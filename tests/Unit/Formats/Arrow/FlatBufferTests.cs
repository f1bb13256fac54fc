using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.Formats.Arrow.FlatBuffers;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class FlatBufferTests
{
    [Fact]
    public void Scalars_strings_vectors_and_nested_tables_read_back()
    {
        var builder = new FlatBufferBuilder();
        var name = builder.CreateString("héllo");
        builder.StartTable(1);
        builder.AddInt32(0, 7);
        var child = builder.EndTable();
        var children = builder.CreateOffsetVector([child, child]);
        var structs = builder.CreateStructVector(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0 }, 8, 8);
        builder.StartTable(7);
        builder.AddByte(0, 3);
        builder.AddInt16(1, -2);
        builder.AddInt64(2, long.MinValue);
        builder.AddOffset(3, name);
        builder.AddOffset(4, children);
        builder.AddOffset(5, structs);
        var bytes = builder.Finish(builder.EndTable());

        var root = FlatBufferTable.Root(bytes, "test");

        root.GetByte(0).Should().Be(3);
        root.GetInt16(1).Should().Be(-2);
        root.GetInt64(2).Should().Be(long.MinValue);
        root.GetString(3).Should().Be("héllo");
        var vector = root.GetVector(4, 4, "children");
        vector.Count.Should().Be(2);
        vector.GetTable(1).GetInt32(0).Should().Be(7);
        var structVector = root.GetVector(5, 8, "structs");
        structVector.GetInt64(1).Should().Be(2);
        root.GetInt32(6, 42).Should().Be(42);
        root.Has(6).Should().BeFalse();
    }

    [Fact]
    public void Eight_byte_scalars_are_aligned_from_the_start_of_the_buffer()
    {
        var builder = new FlatBufferBuilder();
        var text = builder.CreateString("abc");
        builder.StartTable(2);
        builder.AddOffset(0, text);
        builder.AddInt64(1, 0x0102030405060708);
        var bytes = builder.Finish(builder.EndTable());

        var position = bytes.AsSpan().IndexOf(BitConverter.GetBytes(0x0102030405060708L));

        (position % 8).Should().Be(0);
        (bytes.Length % 8).Should().Be(0);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 4, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0xFF })]
    public void Offsets_outside_the_buffer_are_format_errors(byte[] bytes)
    {
        Action act = () => FlatBufferTable.Root(bytes, "test").GetByte(0);

        act.Should().Throw<ArrowFormatException>();
    }
}
