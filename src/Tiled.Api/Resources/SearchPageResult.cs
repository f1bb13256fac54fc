using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiled.Application.Nodes.ListChildren;

namespace Tiled.Api.Resources;

/// <summary>
/// A search page (protocol §3) written to the response one child at a time: each resource is built,
/// written and dropped, and the bytes go out whenever 64 KiB are pending, so a large page is never
/// held whole as a document or a string. <c>links.next</c> continues after the last child written,
/// also when the catalog ended the page early (<c>max_page_bytes</c>).
/// </summary>
internal sealed class SearchPageResult(string apiBase, string self, long offset, long limit, ChildrenPage page, ResourceOptions options) : IResult
{
    private const int FlushBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/json";
        var ct = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var view in page.Items)
        {
            NodeResources.Resource(apiBase, view, options).WriteTo(writer);
            if (writer.BytesPending >= FlushBytes)
            {
                writer.Flush();
                await response.BodyWriter.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteNull("error");
        var returned = page.Items.Count;
        writer.WriteStartObject("links");
        writer.WriteString("self", $"{self}?page[offset]={offset}&page[limit]={limit}");
        writer.WriteString("first", $"{self}?page[offset]=0&page[limit]={limit}");
        if (limit > 0 && offset + returned < page.Count)
        {
            writer.WriteString("next", $"{self}?page[offset]={offset + returned}&page[limit]={limit}");
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteEndObject();
        writer.WriteStartObject("meta");
        writer.WriteNumber("count", page.Count);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }
}
