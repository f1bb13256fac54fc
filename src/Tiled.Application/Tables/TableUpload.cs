using Tiled.Application.Common.Errors;
using Tiled.Formats.Arrow;
using Tiled.Formats.Parquet;

namespace Tiled.Application.Tables;

/// <summary>Decodes a table upload: Arrow IPC file or stream bytes, or Parquet, chosen by the request's media type.</summary>
internal static class TableUpload
{
    /// <summary>The essence of <paramref name="mediaType"/>; anything but the Arrow file or stream format or Parquet is a 415.</summary>
    public static string RequireMediaType(string mediaType)
    {
        var essence = TableMediaTypes.Essence(mediaType);
        return essence is TableMediaTypes.ArrowFile or TableMediaTypes.ArrowStream or TableMediaTypes.Parquet
            ? essence
            : throw new UnsupportedMediaTypeException(
                $"Table data must be sent as {TableMediaTypes.ArrowFile} (or {TableMediaTypes.ArrowStream} or {TableMediaTypes.Parquet}); " +
                $"the Content-Type '{mediaType}' is not supported.");
    }

    /// <summary>Reads the upload; corrupt input is a 400, valid Arrow we cannot handle a 415.</summary>
    public static ArrowTable Decode(string essence, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return essence switch
            {
                TableMediaTypes.ArrowStream => ArrowStreamReader.Read(payload),
                TableMediaTypes.Parquet => ParquetTables.Read(payload),
                _ => ArrowFileReader.Read(payload),
            };
        }
        catch (ArrowFormatException e)
        {
            var format = essence switch
            {
                TableMediaTypes.ArrowStream => "Arrow IPC stream",
                TableMediaTypes.Parquet => "Parquet file",
                _ => "Arrow IPC file",
            };
            throw new InvalidTableDataException($"The request body is not a valid {format}: {e.Message}");
        }
        catch (ArrowNotSupportedException e)
        {
            throw new UnsupportedMediaTypeException($"The Arrow data uses something this server does not support: {e.Message}");
        }
    }
}
