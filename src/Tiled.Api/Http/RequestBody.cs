using Microsoft.AspNetCore.Http;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;

namespace Tiled.Api.Http;

/// <summary>
/// Reads request bodies into memory, with a size limit. A body of known length is read into an array of
/// exactly its size that nothing writes to afterwards, handed over as an immutable
/// <see cref="StreamPayload"/>, so the stream cache keeps it without a copy.
/// </summary>
internal static class RequestBody
{
    /// <summary>Largest body accepted (1 GiB); Tiled has none, we refuse larger bodies with 413.</summary>
    public const long MaxBytes = 1L << 30;

    public static Task<StreamPayload> ReadAsync(HttpRequest request, CancellationToken ct) =>
        ReadAsync(request, MaxBytes, "", ct);

    /// <summary>Reads at most <paramref name="maxBytes"/>; a larger body is 413 naming <paramref name="setting"/> (when given).</summary>
    public static async Task<StreamPayload> ReadAsync(HttpRequest request, long maxBytes, string setting, CancellationToken ct)
    {
        if (request.ContentLength is { } length)
        {
            if (length > maxBytes)
            {
                throw TooLarge(maxBytes, setting);
            }

            // Every byte is overwritten by the read, so the array need not be zeroed first.
            var buffer = GC.AllocateUninitializedArray<byte>((int)length);
            await request.Body.ReadExactlyAsync(buffer, ct);
            return StreamPayload.Own(buffer);
        }

        using var stream = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            // Stop reading as soon as the limit is passed, so a body without a length cannot fill memory.
            if (stream.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes, setting);
            }

            stream.Write(chunk, 0, read);
        }

        return StreamPayload.Borrow(new ReadOnlyMemory<byte>(stream.GetBuffer(), 0, (int)stream.Length));
    }

    private static LimitExceededException TooLarge(long maxBytes, string setting) =>
        new(size: true, $"The request body exceeds {maxBytes} bytes{(setting.Length > 0 ? $" ({setting})" : "")}.");
}
