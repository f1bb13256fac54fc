using Microsoft.AspNetCore.Http;
using Tiled.Application.Arrays.ReadArray;
using Tiled.Formats.ArrayImage;
using Tiled.Formats.ArrayText;

namespace Tiled.Api.Http;

/// <summary>Encodes array bytes in the chosen media type: raw bytes, nested JSON lists, CSV or a PNG image.</summary>
internal static class ArrayRepresentations
{
    public static IResult Render(ArrayData data, string mediaType)
    {
        if (data.File is { } file)
        {
            // Only raw bytes are asked for as a file (ReadArrayQuery.AllowFile).
            return new FileBodyResult(file, ArrayMediaTypes.OctetStream);
        }

        try
        {
            return mediaType switch
            {
                ArrayMediaTypes.Json => Results.Bytes(ArrayJson.Serialize(data.Bytes, data.DataType, data.Shape), "application/json"),
                ArrayMediaTypes.Png => Results.Bytes(PngEncoder.Encode(ArrayImages.ToPixels(data.Bytes, data.DataType, data.Shape)), ArrayMediaTypes.Png),
                ArrayMediaTypes.Csv => Results.Text(ArrayCsv.Write(data.Bytes, data.DataType, data.Shape), "text/csv", System.Text.Encoding.UTF8),
                _ => Results.Bytes(data.Bytes, ArrayMediaTypes.OctetStream),
            };
        }
        catch (NotSupportedException e)
        {
            throw new NotAcceptableException(e.Message);
        }
    }
}
