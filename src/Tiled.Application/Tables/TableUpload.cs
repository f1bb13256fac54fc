using Tiled.Application.Common.Errors;
using Tiled.Formats.Arrow;

namespace Tiled.Application.Tables;

/// <summary>Decodes a table upload: Arrow IPC file or stream bytes, chosen by the request's media type.</summary>
internal static class TableUpload
{
    /// <summary>The essence of <paramref name="mediaType"/>; anything but the Arrow file or stream format is a 415.</summary>
    public static string RequireMediaType(string mediaType)
    {
        var essence = TableMediaTypes.Essence(mediaType);
        return essence is TableMediaTypes.ArrowFile or TableMediaTypes.ArrowStream
            ? essence
            : throw new UnsupportedMediaTypeException(
                $"Table data must be sent as {TableMediaTypes.ArrowFile} (or {TableMediaTypes.ArrowStream}); " +
                $"the Content-Type '{mediaType}' is not supported.");
    }

    /// <summary>Reads the upload; corrupt input is a 400, valid Arrow we cannot handle a 415.</summary>
    public static ArrowTable Decode(string essence, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return essence == TableMediaTypes.ArrowStream ? ArrowStreamReader.Read(payload) : ArrowFileReader.Read(payload);
        }
        catch (ArrowFormatException e)
        {
            var format = essence == TableMediaTypes.ArrowStream ? "IPC stream" : "IPC file";
            throw new InvalidTableDataException($"The request body is not a valid Arrow {format}: {e.Message}");
        }
        catch (ArrowNotSupportedException e)
        {
            throw new UnsupportedMediaTypeException($"The Arrow data uses something this server does not support: {e.Message}");
        }
    }
}
