using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tiled.Bench.Target;

namespace Tiled.Bench.Wire;

/// <summary>
/// The few HTTP calls the scenarios make, shaped as the Python client makes them (protocol §5.1, §6,
/// §14). Hot-path calls return the status instead of throwing so that failures are counted, not fatal.
/// </summary>
internal sealed class TiledHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private readonly HttpClient _http;
    private readonly BenchTarget _target;

    public TiledHttp(BenchTarget target)
    {
        _target = target;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Apikey", target.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("tiled-bench/1.0");
    }

    /// <summary>POST /api/v1/metadata/ with one writable data source whose chunks equal the shape.</summary>
    public async Task CreateArrayAsync(string key, ArrayType type, long[] shape, CancellationToken ct)
    {
        var structure = new JsonObject
        {
            ["data_type"] = new JsonObject
            {
                ["endianness"] = type.Endianness,
                ["kind"] = type.Kind,
                ["itemsize"] = type.ItemSize,
                ["dt_units"] = null,
            },
            ["chunks"] = new JsonArray([.. shape.Select(n => (JsonNode)new JsonArray(n))]),
            ["shape"] = new JsonArray([.. shape.Select(n => (JsonNode)n)]),
            ["dims"] = null,
            ["resizable"] = false,
        };
        await CreateWritableNodeAsync(key, "array", structure, mimetype: null, ct);
    }

    /// <summary>POST /api/v1/metadata/: a writable one-partition table of <paramref name="columns"/>, its schema given as Tiled's <c>arrow_schema</c> data URI.</summary>
    public async Task CreateTableAsync(string key, string arrowSchemaDataUri, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var structure = new JsonObject
        {
            ["arrow_schema"] = arrowSchemaDataUri,
            ["npartitions"] = 1,
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode?)c)]),
            ["resizable"] = false,
        };
        await CreateWritableNodeAsync(key, "table", structure, "application/x-tiled-sql-table", ct);
    }

    private async Task CreateWritableNodeAsync(string key, string family, JsonObject structure, string? mimetype, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["ancestors"] = new JsonArray(""),
            ["metadata"] = new JsonObject(),
            ["structure_family"] = family,
            ["specs"] = new JsonArray(),
            ["data_sources"] = new JsonArray(new JsonObject
            {
                ["structure_family"] = family,
                ["structure"] = structure,
                ["id"] = null,
                ["mimetype"] = mimetype,
                ["parameters"] = new JsonObject(),
                ["properties"] = new JsonObject(),
                ["assets"] = new JsonArray(),
                ["management"] = "writable",
            }),
            ["access_blob"] = new JsonObject(),
            ["id"] = key,
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_target.Api("metadata/"), content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Creating {family} {key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>PATCH /api/v1/table/partition/KEY?partition=0 with Arrow IPC file bytes (an append); returns the status (0 for a transport failure).</summary>
    public async Task<int> AppendTableAsync(string key, ReadOnlyMemory<byte> arrowFile, CancellationToken ct)
    {
        using var content = new ReadOnlyMemoryContent(arrowFile);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.arrow.file");
        try
        {
            using var response = await _http.PatchAsync(_target.Api($"table/partition/{Uri.EscapeDataString(key)}?partition=0"), content, ct);
            await response.Content.CopyToAsync(Stream.Null, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>
    /// PUT /api/v1/array/full/KEY[?persist=false] on server process <c>writer mod N</c> (see <see cref="BenchTarget.WriteApi"/>);
    /// returns the status code (0 for a transport failure).
    /// </summary>
    public async Task<int> PutArrayAsync(string key, ReadOnlyMemory<byte> body, bool persist, CancellationToken ct, int writer = 0)
    {
        var uri = _target.WriteApi("array/full/" + Uri.EscapeDataString(key) + (persist ? "" : "?persist=false"), writer);
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = OctetStream;
        try
        {
            using var response = await _http.PutAsync(uri, content, ct);
            await response.Content.CopyToAsync(Stream.Null, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>POST /api/v1/metadata/{parent}: a container child with this metadata. Returns the status (0 on transport failure).</summary>
    public async Task<int> CreateContainerAsync(string parent, string key, JsonObject metadata, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["metadata"] = metadata,
            ["structure_family"] = "container",
            ["specs"] = new JsonArray(),
            ["data_sources"] = new JsonArray(),
            ["access_blob"] = new JsonObject(),
            ["id"] = key,
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.PostAsync(_target.Api($"metadata/{parent}"), content, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>GET with the given Accept; reads and discards the body. Returns the status (0 on transport failure) and body bytes.</summary>
    public async Task<(int Status, long Bytes)> GetAsync(string relative, string accept, byte[] scratch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _target.Api(relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            long bytes = 0;
            int read;
            while ((read = await stream.ReadAsync(scratch, ct)) > 0)
            {
                bytes += read;
            }

            return ((int)response.StatusCode, bytes);
        }
        catch (HttpRequestException)
        {
            return (0, 0);
        }
    }

    /// <summary>GET (JSON) and the whole body. Returns the status (0 on transport failure) and the body.</summary>
    public async Task<(int Status, byte[] Body)> GetBodyAsync(string relative, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(_target.Api(relative), ct);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
        }
        catch (HttpRequestException)
        {
            return (0, []);
        }
    }

    /// <summary>DELETE /api/v1/metadata/{path}?recursive=true: the node and everything under it. Returns the status (0 on transport failure).</summary>
    public async Task<int> DeleteRecursiveAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await _http.DeleteAsync(_target.Api($"metadata/{path}?recursive=true"), ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public void Dispose() => _http.Dispose();
}
