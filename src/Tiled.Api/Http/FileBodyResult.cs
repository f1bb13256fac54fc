using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>
/// Sends an open file as the whole response body, read straight into the response's buffers, with
/// the headers <see cref="Results.Bytes(byte[], string?, string?, bool, DateTimeOffset?, Microsoft.Net.Http.Headers.EntityTagHeaderValue?)"/>
/// would send for the same bytes (no range support). Disposes the file.
/// </summary>
internal sealed class FileBodyResult(FileStream file, string contentType) : IResult
{
    private const int SegmentBytes = 256 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (file)
        {
            var response = httpContext.Response;
            var length = file.Length;
            response.ContentType = contentType;
            response.ContentLength = length;
            var body = response.BodyWriter;
            for (var position = 0L; position < length;)
            {
                var read = Read(file, body, position, length);
                position += read;
                var flushed = await body.FlushAsync(httpContext.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return;
                }
            }
        }
    }

    private static int Read(FileStream file, PipeWriter body, long position, long length)
    {
        var segment = body.GetSpan((int)Math.Min(SegmentBytes, length - position));
        var read = RandomAccess.Read(file.SafeFileHandle, segment[..(int)Math.Min(segment.Length, length - position)], position);
        if (read == 0)
        {
            throw new EndOfStreamException($"The file ended at byte {position} of {length}.");
        }

        body.Advance(read);
        return read;
    }
}
