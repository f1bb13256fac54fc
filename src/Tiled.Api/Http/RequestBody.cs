using Microsoft.AspNetCore.Http;
using Tiled.Infrastructure.Streaming;

namespace Tiled.Api.Http;

/// <summary>
/// Reads request bodies into memory, with a size limit. A body of known length is read into an array of
/// exactly its size that nothing writes to afterwards (<see cref="FrozenBytes"/>), so the stream cache
/// keeps it without a copy.
/// </summary>
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
                throw TooLarge();
            }

            // Every byte is overwritten by the read, so the array need not be zeroed first.
            var buffer = GC.AllocateUninitializedArray<byte>((int)length);
            await request.Body.ReadExactlyAsync(buffer, ct);
            return FrozenBytes.Freeze(buffer);
        }

        using var stream = new MemoryStream();
        await request.Body.CopyToAsync(stream, ct);
        return stream.Length > MaxBytes
            ? throw TooLarge()
            : new ReadOnlyMemory<byte>(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static BadHttpRequestException TooLarge() =>
        new($"The request body exceeds {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
}
