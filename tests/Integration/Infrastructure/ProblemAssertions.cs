using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Checks an error response: status, Content-Type exactly application/json, and a non-empty detail.</summary>
public static class ProblemAssertions
{
    public static async Task<string> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.ToString().Should().Be("application/json");
        var detail = JsonNode.Parse(body)?["detail"]?.ToString();
        detail.Should().NotBeNullOrWhiteSpace();
        return detail ?? "";
    }
}
