using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tiled.Api.Http;
using Tiled.Application.Nodes;
using Tiled.Application.Nodes.ListChildren;

namespace Tiled.Api.Search;

/// <summary>
/// A search page written to the response as its children are read from the catalog:
/// <c>{"data": [...], "error": null, "links": {...}, "meta": {"count": n}}</c>, the same bytes the
/// page built whole was. The links come last, so they can say where the page ended
/// (<paramref name="links"/> gets how many children were written and the last one).
/// </summary>
/// <remarks>
/// The first batch of children is read before anything is written: errors found up to then (a
/// missing node, a bad query, an unavailable database) are still answered as errors. After that a
/// failure can only end the response unfinished: the connection is aborted, so a client never takes
/// a cut-off page for a whole one.
/// </remarks>
internal sealed class SearchPageResult(ChildrenPage page, Action<Utf8JsonWriter, NodeView> writeResource, Func<int, NodeView?, JsonObject> links)
    : IResult
{
    /// <summary>Written bytes are handed to the connection at least this often.</summary>
    private const int FlushBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var ct = httpContext.RequestAborted;
        await using var items = page.Items.GetAsyncEnumerator(ct);
        var more = await items.MoveNextAsync();
        try
        {
            await WriteAsync(httpContext.Response, items, more, ct);
        }
        catch
        {
            httpContext.Abort();
            throw;
        }
    }

    private async Task WriteAsync(HttpResponse response, IAsyncEnumerator<NodeView> items, bool more, CancellationToken ct)
    {
        response.ContentType = JsonResults.ContentType;
        var body = response.BodyWriter;
        // Not disposed: over a buffer writer that would only flush it, which after a failure must not happen.
        var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartArray("data");
        var returned = 0;
        NodeView? last = null;
        var flushed = 0L;
        for (; more; more = await items.MoveNextAsync())
        {
            last = items.Current;
            writeResource(json, last);
            returned++;
            if (json.BytesCommitted + json.BytesPending - flushed >= FlushBytes)
            {
                json.Flush();
                flushed = json.BytesCommitted;
                var sent = await body.FlushAsync(ct);
                if (sent.IsCanceled || sent.IsCompleted)
                {
                    return;
                }
            }
        }

        json.WriteEndArray();
        json.WriteNull("error");
        json.WritePropertyName("links");
        links(returned, last).WriteTo(json);
        json.WriteStartObject("meta");
        json.WriteNumber("count", page.Count);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }
}
