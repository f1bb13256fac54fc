using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiled.Application.Tables;
using Tiled.Application.Tables.ReadTable;
using Tiled.Formats.Arrow;
using Tiled.Formats.Parquet;

namespace Tiled.Api.Http;

/// <summary>Encodes table rows in the chosen media type: Arrow IPC file or stream, Parquet, CSV, or JSON <c>{column: [values]}</c>.</summary>
internal static class TableRepresentations
{
    public static IResult Render(TableData data, string mediaType) => mediaType switch
    {
        TableFormats.Json => Results.Bytes(ToJson(data), TableFormats.Json),
        TableFormats.Csv => Results.Text(ArrowCsv.ToText(data.Schema, data.Batches), TableFormats.Csv, System.Text.Encoding.UTF8),
        TableMediaTypes.ArrowStream => Results.Bytes(ArrowStreamWriter.WriteToMemory(data.Schema, data.Batches), TableMediaTypes.ArrowStream),
        TableMediaTypes.Parquet => Results.Bytes(ParquetTables.Write(data.Schema, data.Batches), TableMediaTypes.Parquet),
        _ => Results.Bytes(ArrowFileWriter.WriteToMemory(data.Schema, data.Batches), TableMediaTypes.ArrowFile),
    };

    private static byte[] ToJson(TableData data)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ArrowJson.Write(writer, data.Schema, data.Batches);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
