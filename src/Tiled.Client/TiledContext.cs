using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace Tiled.Client;

/// <summary>
/// One connection to a Tiled server: the HTTP client with the API key, the about document, and the
/// retry policy (transient failures and 5xx of idempotent requests are retried with back-off).
/// </summary>
public sealed class TiledContext : IDisposable
{
    private static readonly HttpMethod[] Idempotent = [HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Head];

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    internal TiledContext(HttpClient http, string? apiKey, Uri serverUri)
    {
        _http = http;
        ApiKey = apiKey;
        ServerUri = serverUri;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 && r.RequestMessage is { } m && Idempotent.Contains(m.Method)),
            })
            .Build();
    }

    public string? ApiKey { get; }

    /// <summary>The server's base address, e.g. <c>http://localhost:8000</c>.</summary>
    public Uri ServerUri { get; }

    /// <summary>The API base every link starts with, e.g. <c>http://localhost:8000/api/v1</c>.</summary>
    public string ApiBase => ServerUri.ToString().TrimEnd('/') + "/api/v1";

    public void Dispose() => _http.Dispose();

    internal async Task<JsonNode?> SendJsonAsync(HttpMethod method, string url, JsonNode? body, CancellationToken ct)
    {
        using var response = await SendAsync(method, url, body is null ? null : JsonContent(body), null, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    internal async Task<byte[]> GetBytesAsync(string url, string accept, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, accept, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>A read whose parameters travel as a JSON body (Tiled's POST form of GET routes).</summary>
    internal async Task<byte[]> PostForBytesAsync(string url, JsonNode body, string accept, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, url, JsonContent(body), accept, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    internal Task<JsonNode?> SendBytesAsync(HttpMethod method, string url, ReadOnlyMemory<byte> body, CancellationToken ct) =>
        SendBytesAsync(method, url, body, "application/octet-stream", ct);

    internal async Task<JsonNode?> SendBytesAsync(HttpMethod method, string url, ReadOnlyMemory<byte> body, string contentType, CancellationToken ct)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await SendAsync(method, url, content, null, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, string? accept, CancellationToken ct)
    {
        var payload = content is null ? null : await content.ReadAsByteArrayAsync(ct);
        var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, url);
            if (payload is not null && content is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = content.Headers.ContentType;
            }

            if (ApiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Apikey", ApiKey);
            }

            request.Headers.Accept.ParseAdd(accept ?? "application/json");
            return await _http.SendAsync(request, token);
        }, ct);

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new TiledException((int)response.StatusCode, await DetailAsync(response, ct), url);
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonNode.Parse(text)?["detail"]?.ToString() ?? response.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? text;
        }
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
