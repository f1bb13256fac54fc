using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>Reads request bodies into memory, with a size limit.</summary>
internal static class RequestBody
{
    /// <summary>Largest body accepted (1 GiB); Tiled has none, we refuse larger bodies with 413.</summary>
    public const long MaxBytes = 1L << 30;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is { } length)
        {
            if (length > MaxBytes)
            {
                throw new BadHttpRequestException($"The request body exceeds {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            var buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }

        using var stream = new MemoryStream();
        await request.Body.CopyToAsync(stream, ct);
        return stream.Length > MaxBytes
            ? throw new BadHttpRequestException($"The request body exceeds {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge)
            : new ReadOnlyMemory<byte>(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
