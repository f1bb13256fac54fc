using FluentAssertions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Tables;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Application.Tables;

public sealed class TableUploadTests
{
    private static readonly ArrowSchema Schema = new([new ArrowField("a", ArrowType.Int64)]);
    private static readonly RecordBatch Batch = new([ArrowColumn.FromInt64([1, null, 3])]);

    [Theory]
    [InlineData("application/vnd.apache.arrow.file", "application/vnd.apache.arrow.file")]
    [InlineData("Application/Vnd.Apache.Arrow.File; charset=binary", "application/vnd.apache.arrow.file")]
    [InlineData("application/vnd.apache.arrow.stream", "application/vnd.apache.arrow.stream")]
    public void Arrow_file_and_stream_media_types_are_accepted(string mediaType, string essence) =>
        TableUpload.RequireMediaType(mediaType).Should().Be(essence);

    [Theory]
    [InlineData("")]
    [InlineData("application/octet-stream")]
    [InlineData("application/x-hdf5")]
    [InlineData("text/csv")]
    public void Other_media_types_are_unsupported(string mediaType) =>
        FluentActions.Invoking(() => TableUpload.RequireMediaType(mediaType))
            .Should().Throw<UnsupportedMediaTypeException>().Which.ErrorCode.Should().Be("unsupported-media-type");

    [Fact]
    public void A_file_and_a_stream_decode_to_the_same_rows()
    {
        var file = TableUpload.Decode(TableMediaTypes.ArrowFile, ArrowFileWriter.Write(Schema, [Batch]));
        var stream = TableUpload.Decode(TableMediaTypes.ArrowStream, ArrowStreamWriter.Write(Schema, [Batch]));

        file.Schema.Should().Be(Schema);
        stream.Schema.Should().Be(Schema);
        file.RowCount.Should().Be(3);
        stream.RowCount.Should().Be(3);
    }

    [Fact]
    public void A_truncated_file_is_invalid_table_data()
    {
        var bytes = ArrowFileWriter.Write(Schema, [Batch]);

        FluentActions.Invoking(() => TableUpload.Decode(TableMediaTypes.ArrowFile, bytes.AsMemory(0, bytes.Length - 10)))
            .Should().Throw<InvalidTableDataException>().WithMessage("The request body is not a valid Arrow IPC file*")
            .Which.ErrorCode.Should().Be("invalid-table-data");
    }

    [Fact]
    public void Stream_bytes_sent_as_a_file_are_invalid_table_data() =>
        FluentActions.Invoking(() => TableUpload.Decode(TableMediaTypes.ArrowFile, ArrowStreamWriter.Write(Schema, [Batch])))
            .Should().Throw<InvalidTableDataException>();
}
