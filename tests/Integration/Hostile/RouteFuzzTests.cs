using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentAssertions;
using Tiled.Api.OpenApi;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.DataSources;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Tables;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// Property-based fuzzing of every operation in the server's own OpenAPI document (issue #18, item 5):
/// path parameters among existing nodes, missing keys and odd strings; query strings from each
/// operation's declared parameters (valid-looking and garbage values, repeated and undeclared
/// names); bodies for each declared content type (plausible, mutated, deep, wide, truncated, random
/// bytes, empty) and under wrong content types. Every answer is below 500, and a refused request
/// changes nothing stored (metadata and data of a container, an array, a table and a registered
/// external array, read back after each request). An operation in the document without a case
/// here fails the test, so a new route cannot escape.
/// </summary>
public abstract class RouteFuzzTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>, IDisposable
    where TServer : TiledServerFixture
{
    /// <summary>Requests per operation: with the rest of the Hostile tests on two cores, about 30 s on SQLite and 37 s on PostgreSQL; <c>TILED_FUZZ_SAMPLES</c> sets more for a longer hunt.</summary>
    private static readonly int SamplesPerOperation =
        int.TryParse(Environment.GetEnvironmentVariable("TILED_FUZZ_SAMPLES"), out var samples) && samples > 0 ? samples : 40;

    /// <summary>Stands for a fresh node made just before the request (destructive operations).</summary>
    private const string Throwaway = "\u0001throwaway";

    private static readonly ArrowSchema OtherSchema = new([new ArrowField("z", ArrowType.Utf8)]);

    private readonly string _container = Wire.NewKey("rc");
    private readonly string _array = Wire.NewKey("ra");
    private readonly string _table = Wire.NewKey("rt");
    private readonly string _external = Wire.NewKey("re");
    private string _externalFile = "";
    private long _externalSourceId;
    private string _principal = "";
    private string _adminKey = "";
    private string _snapshot = "";

    /// <summary>Sends the fuzzed requests: credentials per request, header values in UTF-8 (the fixture's clients send ASCII only).</summary>
    private readonly HttpClient _client = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });

    private HttpClient Http => server.Http;

    public void Dispose() => _client.Dispose();

    private string ArrayPath => $"{_container}/{_array}";

    private string TablePath => $"{_container}/{_table}";

    /// <summary>
    /// Nodes in the container of other shapes and types, as targets (their data is in the snapshot):
    /// a 3×4 float64 array in uneven chunks, a bool array, an empty array, a string array, a table of two partitions.
    /// </summary>
    private (string Path, string Body, byte[] Data, string Read)[] Extras =>
    [
        ($"{_container}/f2", Wire.ArrayBody("f2", "f", 8, [3, 4], [[2, 1], [4]]).ToJsonString(),
            [.. Enumerable.Range(0, 12).SelectMany(i => BitConverter.GetBytes(i * 0.5))], "/api/v1/array/full/"),
        ($"{_container}/b", Wire.ArrayBody("b", "b", 1, [4], [[4]]).ToJsonString(), [1, 0, 1, 1], "/api/v1/array/full/"),
        ($"{_container}/z", Wire.Int64Body("z", 0).ToJsonString(), [], "/api/v1/array/full/"),
        ($"{_container}/u", Wire.ArrayBody("u", "U", 12, [2], [[2]]).ToJsonString(),
            [.. Encoding.UTF32.GetBytes("ab\u00e9x\U0001F600z")], "/api/v1/array/full/"),
        ($"{_container}/t2", TableWire.TableBody("t2", partitions: 2).ToJsonString(), [], "/api/v1/table/full/"),
    ];

    [Fact]
    public async Task Every_operation_in_the_OpenAPI_document_answers_below_500_and_a_refusal_changes_nothing()
    {
        if (server.UnavailableReason is not null) { return; }
        var clock = Stopwatch.StartNew();
        var operations = Operations(JsonNode.Parse(await Http.GetStringAsync(ApiDocumentation.OpenApiPath))!);
        var cases = Cases();
        var failures = new List<string>();
        failures.AddRange(operations.Where(o => !cases.ContainsKey(o.Key)).Select(o => $"{o.Key}: in the document, but the generator has no case for it"));
        failures.AddRange(cases.Keys.Where(k => operations.All(o => o.Key != k)).Select(k => $"{k}: a case for an operation the document does not list"));
        failures.AddRange(operations.SelectMany(o => o.PathParameters.Where(p => PathValue(p, destructive: false) is null))
            .Select(p => $"path parameter {p}: the generator has no values for it"));
        failures.Should().BeEmpty();

        _client.BaseAddress = new Uri(server.BaseUrl);
        await SetUpAsync();
        var sent = new Dictionary<string, int>();
        foreach (var operation in operations)
        {
            sent[operation.Key] = 0;
            await RecoverAsync();
            string? first = null;
            try
            {
                await Requests(operation, cases[operation.Key]).SampleAsync(async request =>
                {
                    sent[operation.Key]++;
                    try
                    {
                        await CheckAsync(operation, request);
                    }
                    catch (Exception e)
                    {
                        first ??= e.Message;
                        throw;
                    }
                }, iter: SamplesPerOperation, threads: 1, print: r => r.ToString());
            }
            catch (Exception e)
            {
                // The first failure, as it happened; CsCheck's report names the smallest sample that failed after it.
                failures.Add($"{operation.Key}: {first ?? e.InnerException?.Message}\n{e.Message}");
            }
        }

        output.WriteLine($"{operations.Count} operations, {sent.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:F1} s");
        failures.Should().BeEmpty();
        sent.Should().HaveCount(operations.Count).And.OnlyContain(s => s.Value >= SamplesPerOperation);
    }

    /// <summary>Sends one request; no 5xx, and unless it succeeded the stored state is as before.</summary>
    private async Task CheckAsync(Operation operation, FuzzRequest request)
    {
        var path = request.Path.Contains(Throwaway, StringComparison.Ordinal)
            ? request.Path.Replace(Throwaway, await ThrowawayAsync(request.Path.Length % 2 == 0), StringComparison.Ordinal)
            : request.Path;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method ?? operation.Method), path + request.Query);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.Authorization is not "")
        {
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization ?? $"Apikey {TiledServerFixture.ApiKey}");
        }

        foreach (var (name, value) in request.Headers.Where(h => message.Content is not null || h.Item1 != "Transfer-Encoding"))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _client.SendAsync(message);
        var answer = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        status.Should().BeLessThan(500, $"{operation.Key} must not fail on {request} (answer: {Shorten(answer)})");
        var after = await SnapshotAsync();
        if (response.IsSuccessStatusCode)
        {
            _snapshot = after;
            await RecoverAsync();
        }
        else if (after != _snapshot)
        {
            var changed = string.Join('\n', after.Split('\n').Except(_snapshot.Split('\n')).Select(Shorten));
            _snapshot = after;
            throw new InvalidOperationException($"{operation.Key} refused {request} ({status}: {Shorten(answer)}), yet what is stored changed:\n{changed}");
        }
    }

    /// <summary>The operations of the document: method, path template, declared path and query parameters, body media types.</summary>
    private static List<Operation> Operations(JsonNode document)
    {
        var operations = new List<Operation>();
        foreach (var (template, methods) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in methods!.AsObject().Where(m => m.Key != "parameters"))
            {
                var parameters = operation!["parameters"]?.AsArray()
                    .Select(p => (Name: (string)p!["name"]!, In: (string)p!["in"]!, Required: p["required"]?.GetValue<bool>() == true)).ToList() ?? [];
                operations.Add(new Operation(
                    method.ToUpperInvariant(), template,
                    [.. parameters.Where(p => p.In == "path").Select(p => p.Name)],
                    [.. parameters.Where(p => p.In == "query").Select(p => p.Name)],
                    [.. parameters.Where(p => p.In == "query" && p.Required).Select(p => p.Name)],
                    [.. operation["requestBody"]?["content"]?.AsObject().Select(c => c.Key) ?? []]));
            }
        }

        return operations;
    }

    /// <summary>
    /// Every operation the generator knows, with whether it destroys its target (then it is also sent
    /// to throw-away nodes) and the JSON bodies that look right for it.
    /// </summary>
    private Dictionary<string, Case> Cases()
    {
        var none = new Case();
        var nodeBody = Gen.OneOf(
            Gen.Const(() => (JsonNode)Wire.ContainerBody(Wire.NewKey("n"))),
            Gen.Const(() => (JsonNode)Wire.Int64Body(Wire.NewKey("n"), 3)),
            Gen.Const(() => (JsonNode)TableWire.TableBody(Wire.NewKey("n"))),
            Gen.Const(() => (JsonNode)External.Register(Wire.NewKey("n"), RawSource(null))));
        var metadataPatch = Gen.OneOf(
            FuzzGen.Json(2).Select(v => (JsonNode)new JsonObject
            {
                ["content-type"] = "application/json-patch+json", ["specs"] = null,
                ["metadata"] = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/x", ["value"] = v }),
            }),
            FuzzGen.Json(3).Select(v => (JsonNode)new JsonObject
            {
                ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["x"] = v }, ["specs"] = null,
            }));
        var metadataPut = FuzzGen.Json(3).Select(v => (JsonNode)new JsonObject { ["metadata"] = new JsonObject { ["x"] = v }, ["specs"] = new JsonArray() });
        var dataSource = Gen.Const(() => (JsonNode)new JsonObject { ["data_source"] = RawSource(_externalSourceId) });
        var columns = Gen.OneOf("a", "b", "c", "zz", "").Array[0, 4].Select(c => (JsonNode)new JsonArray([.. c.Select(n => (JsonNode?)n)]));
        var apiKey = Gen.Select(Gen.OneOf("read:metadata", "read:data", "write:data", "admin:apikeys", "nope").Array[0, 3], Gen.Int[-5, 100000],
            (scopes, expires) => (JsonNode)new JsonObject
            {
                ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode?)s)]), ["expires_in"] = expires, ["note"] = "fuzz",
            });
        return new()
        {
            ["GET /api/v1"] = none,
            ["GET /api/v1/array/full/{path}"] = none,
            ["PUT /api/v1/array/full/{path}"] = none,
            ["PATCH /api/v1/array/full/{path}"] = none,
            ["GET /api/v1/array/block/{path}"] = none,
            ["PUT /api/v1/array/block/{path}"] = none,
            ["POST /api/v1/auth/apikey"] = new(Json: apiKey),
            ["GET /api/v1/auth/apikey"] = none,
            ["DELETE /api/v1/auth/apikey"] = none,
            ["GET /api/v1/auth/whoami"] = none,
            ["GET /api/v1/auth/principal"] = none,
            ["POST /api/v1/auth/principal"] = none,
            ["GET /api/v1/auth/principal/{uuid}"] = none,
            ["POST /api/v1/auth/principal/{uuid}/apikey"] = new(Json: apiKey),
            ["DELETE /api/v1/auth/principal/{uuid}/apikey"] = none,
            ["POST /api/v1/auth/session/refresh"] = none,
            ["DELETE /api/v1/auth/session/revoke/{session_id}"] = none,
            ["POST /api/v1/auth/logout"] = none,
            ["GET /api/v1/metadata/{path}"] = none,
            ["POST /api/v1/metadata/{path}"] = new(Json: nodeBody),
            ["PATCH /api/v1/metadata/{path}"] = new(Json: metadataPatch),
            ["PUT /api/v1/metadata/{path}"] = new(Json: metadataPut),
            ["DELETE /api/v1/metadata/{path}"] = new(Destructive: true),
            ["POST /api/v1/register/{path}"] = new(Json: nodeBody),
            ["PUT /api/v1/data_source/{path}"] = new(Json: dataSource),
            ["GET /api/v1/metrics"] = none,
            ["GET /api/v1/search/{path}"] = none,
            ["GET /api/v1/distinct/{path}"] = none,
            ["DELETE /api/v1/stream/close/{path}"] = new(Destructive: true),
            ["GET /api/v1/stream/single/{path}"] = none,
            ["GET /api/v1/stream/multi"] = none,
            ["GET /api/v1/table/full/{path}"] = none,
            ["POST /api/v1/table/full/{path}"] = new(Json: columns),
            ["PUT /api/v1/table/full/{path}"] = none,
            ["GET /api/v1/table/partition/{path}"] = none,
            ["POST /api/v1/table/partition/{path}"] = new(Json: columns),
            ["PUT /api/v1/table/partition/{path}"] = none,
            ["PATCH /api/v1/table/partition/{path}"] = none,
        };
    }

    /// <summary>
    /// A third of the requests are well-formed (an existing target, valid-looking parameters, a body of
    /// a declared type as the route expects it, good credentials) so that the handlers' deeper paths
    /// run; the rest are hostile in every part.
    /// </summary>
    private Gen<FuzzRequest> Requests(Operation operation, Case @case)
    {
        var hostile = Gen.Select(PathOf(operation, p => PathValue(p, @case.Destructive)!), Query(operation.QueryParameters, operation.RequiredQueryParameters),
            Bodies(operation.BodyTypes, @case.Json), Authorization, Headers, OtherMethod,
            (p, q, b, a, h, m) => new FuzzRequest(p, q, b.Bytes, b.ContentType, a, h, m));
        var wellFormed = Gen.Select(PathOf(operation, ExistingValue), CleanQuery(operation.QueryParameters, operation.RequiredQueryParameters),
            operation.BodyTypes.Length == 0
                ? Gen.Const(new Body(null, null))
                : Gen.OneOf(operation.BodyTypes).SelectMany(t => BodyOf(t, @case.Json, wellFormed: true).Select(b => new Body(b, t))),
            Gen.OneOf<string?>(null, $"Apikey {_adminKey}"),
            (p, q, b, a) => new FuzzRequest(p, q, b.Bytes, b.ContentType, a, [], null));
        return Gen.Frequency((1, wellFormed), (2, hostile));
    }

    private static Gen<string> PathOf(Operation operation, Func<string, Gen<string>> values) =>
        operation.PathParameters.Aggregate(Gen.Const(operation.Template),
            (path, parameter) => path.SelectMany(p => values(parameter).Select(v => p.Replace("{" + parameter + "}", v, StringComparison.Ordinal))));

    /// <summary>A path parameter that names something that exists.</summary>
    private Gen<string> ExistingValue(string name) => name switch
    {
        "path" => Gen.OneOf([_container, ArrayPath, TablePath, _external, .. Extras.Select(e => e.Path)]),
        "uuid" => Gen.Const(() => _principal),
        _ => Gen.Const(() => Guid.NewGuid().ToString()),
    };

    /// <summary>Values of a path parameter, by its name in the document (null: no case for it).</summary>
    private Gen<string>? PathValue(string name, bool destructive) => name switch
    {
        "path" => NodePath(destructive),
        "uuid" => Gen.Frequency(
            (3, Gen.Const(() => _principal)),
            (1, Gen.Const(() => Guid.NewGuid().ToString())),
            (1, Gen.Const(Guid.Empty.ToString())),
            (2, OddSegment)),
        "session_id" => Gen.Frequency((1, Gen.Const(() => Guid.NewGuid().ToString())), (2, OddSegment)),
        _ => null,
    };

    private Gen<string> NodePath(bool destructive)
    {
        var choices = new List<(int, IGen<string>)>
        {
            (8, Gen.OneOf(_container, ArrayPath, TablePath, _external)),
            (4, Gen.OneOf([.. Extras.Select(e => e.Path)])),
            (1, Gen.OneOf("", _container + "/", $"{_container}//{_array}", $"/{_container}")),
            (2, Gen.OneOf(Wire.NewKey("missing"), $"{_container}/nope", $"{ArrayPath}/child", $"{TablePath}/a", $"{_external}/0")),
            (3, OddSegment),
            (1, OddSegment.Select(s => $"{_container}/{s}")),
        };
        if (destructive)
        {
            choices.Add((8, Gen.OneOf(Throwaway, Throwaway + "/x")));
        }

        return Gen.Frequency([.. choices]);
    }

    /// <summary>Path text as a hostile client may send it: escapes, dot segments, very long, unicode.</summary>
    private static readonly Gen<string> OddSegment = Gen.Frequency(
        (4, Gen.OneOf("..", ".", "%2e%2e", "%2E%2E/%2E%2E", "%2F", "a%2Fb", "%00", "a%00b", "%ZZ", "%", "%C3%28", "%FF%FE", "~", ";", "a;b=c",
            "*", "$", "'", "%22", "%5C", "a%5Cb", "%20", "+", "%2B", "%3F", "%23", "%u0041", "\u65e5\u672c/\u00fc", "%F0%9F%98%80",
            "%ED%A0%80", "CON", "nul", "-", "_", "0")),
        (2, Gen.String[1, 16].Select(Escape)),
        (1, Gen.Int[200, 3000].Select(n => new string('a', n))),
        (1, Gen.Int[20, 200].Select(n => string.Join('/', Enumerable.Repeat("d", n)))),
        (1, Gen.Int[9000, 20000].Select(n => new string('x', n))));

    /// <summary>
    /// A query string: half the time a clean one (the required parameters and some declared ones, each
    /// once, valid-looking), otherwise declared parameters valid-looking or garbage, sometimes repeated,
    /// and undeclared ones.
    /// </summary>
    private static Gen<string> Query(string[] declared, string[] required)
    {
        return Gen.Frequency((1, CleanQuery(declared, required)), (1, Messy(declared)));
    }

    private static Gen<string> CleanQuery(string[] declared, string[] required)
    {
        var optional = declared.Except(required).ToArray();
        return Gen.Select(ValidLookingPairs(required), Gen.Shuffle(optional, 0, Math.Min(1, optional.Length)).SelectMany(ValidLookingPairs),
            (a, b) => a.Length + b.Length == 0 ? "" : "?" + string.Join('&', a.Concat(b).Select(p => $"{p.Item1}={Escape(p.Item2)}")));
    }

    /// <summary>A valid-looking value for each of <paramref name="names"/>.</summary>
    private static Gen<(string, string)[]> ValidLookingPairs(IEnumerable<string> names) =>
        names.Aggregate(Gen.Const(Array.Empty<(string, string)>()),
            (all, name) => all.SelectMany(pairs => ValidLooking(name).Select(v => pairs.Append((name, v)).ToArray())));

    private static Gen<string> Messy(string[] declared)
    {
        var pair = declared.Length == 0
            ? Undeclared
            : Gen.Frequency(
                (6, Gen.Int[0, declared.Length - 1].SelectMany(i => Gen.Frequency((3, ValidLooking(declared[i])), (2, Garbage)).Select(v => (declared[i], v)))),
                (1, Undeclared));
        return Gen.Select(pair.Array[0, 6], Gen.Int[0, 9], (pairs, style) =>
        {
            if (pairs.Length == 0)
            {
                return "";
            }

            var text = string.Join('&', pairs.Select(p => style switch
            {
                0 => p.Item1, // no '='
                1 => p.Item1 + "=" + p.Item2, // raw
                _ => Escape(p.Item1).Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal) + "=" + Escape(p.Item2),
            }));
            return "?" + text;
        });
    }

    private static readonly Gen<string> Garbage = Gen.Frequency(
        (3, Gen.String[0, 12]),
        (3, Gen.String[Gen.Char["0123456789,:-.eE ()[]{}\"abcxyz%&=;_/\\*"], 0, 16]),
        (3, Gen.OneOf("", "-1", "0", "NaN", "Infinity", "-0", "1e309", "9223372036854775808", "-9223372036854775809", "2147483648", "true",
            "null", "[]", "{}", "\0", "%", "%ZZ", "\ud834\udd1e", "\ud800", "0x10", "1_000", " 1", "1 ", "\u0661")),
        (1, Gen.Int[200, 5000].Select(n => new string('9', n))),
        (1, Gen.Int[1, 400].Select(n => string.Join(',', Enumerable.Repeat("1", n)))));

    private static readonly Gen<(string, string)> Undeclared = Gen.Select(
        Gen.OneOf("bogus", "filter[nope][condition][x]", "filter[eq]", "page[limit]", "slice", "format", "__proto__", "", "a[b", "[]", "page[offset][x]"),
        Garbage, (n, v) => (n, v));

    private static Gen<string> ValidLooking(string name) => name switch
    {
        "slice" => Gen.OneOf("0:2", ":", "0", "1", "::2", "-1", "0:0", "2:1", ",", "0,0", "...", "1:", ":9999999999", "1,0:2", "::-1", "0:2,::2",
            ":,1", "-1,-1", "0,0,0", "1:2:0", "-9223372036854775808:"),
        "block" => Gen.OneOf("0", "0,0", "1", "-1", "99", "", "1,0", "0,1", "0,0,0"),
        "format" or "envelope_format" => Gen.OneOf("application/json", "application/octet-stream", "text/csv", "text/plain", "text/html",
            "application/x-hdf5", "image/png", "image/tiff", "application/vnd.apache.arrow.file", "application/vnd.apache.arrow.stream",
            "application/x-parquet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "json", "msgpack", "csv",
            "application/msgpack", "*/*", "arrow"),
        "expected_shape" => Gen.OneOf("3", "1,2", "scalar", "", "0", "3,"),
        "filename" => Gen.OneOf("a.csv", "../x", "x.json", "a\"b.png", "", "\u00fc.arrow"),
        "offset" or "shape" or "patch_offset" or "patch_shape" => Gen.OneOf("0", "1", "3", "1,1", "-1", "", "4", "99999999999999999999", "0,0", "2,4",
            "3,0", "1,4", "0,0,0", "9223372036854775807", "4611686018427387904,2"),
        "page[offset]" or "page[limit]" or "max_depth" or "start" or "partition" => Gen.OneOf("0", "1", "2", "-1", "300", "2147483648", "0.5"),
        "column" or "field" => Gen.OneOf("a", "b", "c", "zz", ""),
        "role" => Gen.OneOf("user", "admin", "x", ""),
        "first_eight" => Gen.OneOf("secret00", "abcdefgh", "", "1234567890"),
        "fields" => Gen.OneOf("metadata", "structure", "specs", "structure_family", "data_sources", "sorting", "count", "nope", ""),
        "select_metadata" => Gen.OneOf("x", "color", "[", "a.b", "`1`", "{a: x}", "length(@)", "*"),
        "sort" => Gen.OneOf("x", "-x", "color,-kind", "-", "", ",,", "id"),
        "page[cursor]" => Gen.OneOf("0", "abc", ""),
        "metadata" or "structure_families" or "specs" => Gen.OneOf("color", "x", "kind", "array", "container", ""),
        "extensions" => Gen.OneOf("permessage-deflate", "x", ""),
        _ when name.EndsWith("[pattern]", StringComparison.Ordinal) => Gen.OneOf("a.*", "(", "[a-", "\\", "(a+)+$", "%"),
        _ when name.EndsWith("[operator]", StringComparison.Ordinal) => Gen.OneOf("lt", "le", "gt", "ge", "eq", "x"),
        _ when name.StartsWith("filter[", StringComparison.Ordinal) => Gen.OneOf("x", "color", "\"red\"", "1", "[1,2]", "{\"a\":1}", "true", "null", "[", "\"", "red"),
        _ => Gen.OneOf("true", "false", "1", "0", "yes", "", "null"),
    };

    /// <summary>Now and then the path with another method than the operation's (null: the operation's own).</summary>
    private static readonly Gen<string?> OtherMethod = Gen.Frequency(
        (15, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>("HEAD", "OPTIONS", "TRACE", "PROPFIND", "GET", "PUT", "POST", "PATCH", "DELETE")));

    /// <summary>The single-user key (null), an admin principal's key (the auth routes need one), or odd credentials ("" for none).</summary>
    private Gen<string?> Authorization => Gen.Frequency(
        (14, Gen.Const((string?)null)),
        (6, Gen.Const(() => (string?)$"Apikey {_adminKey}")),
        (1, Gen.OneOf<string?>("", "Apikey wrong", "Apikey ", "Bearer x.y.z", "Basic Og==", "Apikey secret secret", "apikey SECRET",
            "Negotiate")));

    /// <summary>Headers a client or proxy may send oddly: media ranges, forwarded host and scheme, request id, encodings; a body sent chunked, without its length.</summary>
    private static readonly Gen<(string, string)[]> Headers = Gen.Frequency(
        (6, Gen.Const(Array.Empty<(string, string)>())),
        (1, Gen.Const(new[] { ("Transfer-Encoding", "chunked") })),
        (3, Gen.Select(
            Gen.OneOf("Accept", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Request-Id", "Accept-Encoding", "Content-Encoding", "Range",
                "If-None-Match", "Origin", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Expect"),
            Gen.Frequency(
                (2, Gen.OneOf("*/*", "application/json", "application/json;q=0", "text/csv;q=abc", ",,,", "application/octet-stream, */*;q=0.1",
                    "image/*", "application/*;q=1e9", "gzip", "br", "deflate", "identity;q=0", "bytes=0-1", "bytes=5-2", "13", "x", "100-continue",
                    "https", "HTTP", "ws", "proxy.example:1", "proxy.example:99999", "[::1]:80", "\u00e9.example", "a b", "a,b", "", "permessage-deflate")),
                (1, Gen.String[Gen.Char[' ', '~'], 0, 20]),
                (1, Gen.Int[1000, 9000].Select(n => new string('x', n)))),
            (n, v) => (n, v)).Array[1, 3]));

    private Gen<Body> Bodies(string[] declared, Gen<JsonNode>? plausible)
    {
        if (declared.Length == 0)
        {
            return Gen.Frequency(
                (8, Gen.Const(new Body(null, null))),
                (1, Gen.Select(RandomBytes, Gen.OneOf<string?>(null, "application/json", "text/plain"), (b, t) => new Body(b, t))));
        }

        var typed = Gen.Int[0, declared.Length - 1].SelectMany(i => BodyOf(declared[i], plausible).Select(b => new Body(b, declared[i])));
        var wrongType = Gen.Select(Gen.Int[0, declared.Length - 1].SelectMany(i => BodyOf(declared[i], plausible)), WrongTypes, (b, t) => new Body(b, t));
        return Gen.Frequency(
            (8, typed),
            (2, wrongType),
            (1, Gen.OneOf(declared).Select(t => new Body([], t))),
            (1, Gen.Const(new Body(null, null))));
    }

    private static readonly Gen<string?> WrongTypes = Gen.OneOf<string?>(null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nope", "application/octet-stream",
        "application/vnd.apache.arrow.file", "application/json", "*/*", "garbage/", ";;;", "application/merge-patch+json", "image/png");

    private static readonly Gen<byte[]> RandomBytes = Gen.Frequency(
        (4, Gen.Byte.Array[0, 64]),
        (1, Gen.Int[1000, 70000].Select(n => new byte[n])));

    /// <summary>A body of <paramref name="contentType"/>: as the route expects it when <paramref name="wellFormed"/>, else anything.</summary>
    private static Gen<byte[]> BodyOf(string contentType, Gen<JsonNode>? plausible, bool wellFormed = false) => contentType switch
    {
        "application/json" when wellFormed => (plausible ?? FuzzGen.Json(2).Select(n => n ?? JsonValue.Create(0)!)).Select(n => Encoding.UTF8.GetBytes(n.ToJsonString())),
        "application/json" => JsonBytes(plausible ?? FuzzGen.Json(2).Select(n => n ?? JsonValue.Create(0)!)),
        "application/octet-stream" when wellFormed => Gen.OneOf(1, 4, 24, 96).SelectMany(n => Gen.Byte.Array[n]),
        TableWire.ArrowFile or TableWire.ArrowStream when wellFormed => ValidArrow(contentType == TableWire.ArrowFile),
        "application/octet-stream" => Gen.Frequency(
            (3, Gen.Long.Array[1, 4].Select(v => Wire.Int64s(v))),
            (2, Gen.OneOf(1, 4, 8, 12, 24, 32, 48, 96, 192).SelectMany(n => Gen.Byte.Array[n])),
            (2, RandomBytes)),
        TableWire.ArrowFile or TableWire.ArrowStream => ArrowBytes(contentType == TableWire.ArrowFile),
        _ => RandomBytes,
    };

    /// <summary>Rows of the fixtures' table schema, in the Arrow file or stream format.</summary>
    private static Gen<byte[]> ValidArrow(bool file) =>
        Gen.Long.Array[0, 4].Select(a => TableWire.Rows(a, [.. a.Select(v => (double?)v)], [.. a.Select(v => (string?)v.ToString())]))
            .Select(r => file ? TableWire.FileOf(r) : ArrowStreamWriter.Write(TableWire.Schema, [r]));

    private static Gen<byte[]> ArrowBytes(bool file)
    {
        var valid = ValidArrow(file);
        return Gen.Frequency(
            (3, valid),
            (2, Gen.Select(valid, Gen.Double[0, 1], (b, f) => b[..(int)(b.Length * f)])),
            (1, Gen.Select(valid, Gen.Int, Gen.Byte, (b, at, v) =>
            {
                var damaged = (byte[])b.Clone();
                damaged[(int)((uint)at % damaged.Length)] ^= (byte)(v | 1);
                return damaged;
            })),
            (1, Gen.Const(() => ArrowFileWriter.Write(OtherSchema, [new RecordBatch([ArrowColumn.FromStrings(["q"])])]))),
            (1, valid.Select(b => file ? ArrowStreamWriter.Write(TableWire.Schema, []) : b.Concat(b).ToArray())),
            (2, RandomBytes));
    }

    /// <summary>JSON bodies: plausible ones for the route (as sent, or with one part replaced or cut), random, deep, wide, odd.</summary>
    private static Gen<byte[]> JsonBytes(Gen<JsonNode> plausible)
    {
        var text = Gen.Frequency(
            (3, plausible.Select(n => n.ToJsonString())),
            (3, Gen.Select(plausible, Gen.Int, FuzzGen.Json(2), Mutate)),
            (2, FuzzGen.Json(4).Select(n => n?.ToJsonString() ?? "null")),
            (1, Gen.Select(plausible, Gen.Double[0, 1], (n, f) => { var s = n.ToJsonString(); return s[..(int)(s.Length * f)]; })),
            (1, Gen.Int[1, 3000].Select(d => new string('[', d) + new string(']', d))),
            (1, Gen.Int[1, 3000].Select(d => string.Concat(Enumerable.Repeat("{\"a\":", d)) + "1" + new string('}', d))),
            (1, Gen.Int[1, 20000].Select(n => "[" + string.Join(',', Enumerable.Repeat("0", n)) + "]")),
            (1, Gen.Int[1, 5000].Select(n => "{" + string.Join(',', Enumerable.Range(0, n).Select(i => $"\"k{i}\":{i}")) + "}")),
            (2, Gen.OneOf("", " ", "null", "{", "}", "[1,]", "{\"a\":NaN}", "1e999", "-0", "\"\\ud800\"", "{\"a\":1,\"a\":2}", "\uFEFF{}",
                "{\"metadata\":{\"\":null}}", "{\"metadata\":[]}", "{\"data_sources\":{}}", "{\"structure_family\":1}", "[]", "{}", "\"x\"",
                "123456789012345678901234567890", "{\"id\":\"..\"}", "{\"id\":\"a/b\"}", "{\"id\":\"\"}", "{\"id\":null}", "{\"key\":\"%2F\"}",
                "{\"metadata\":{\"a\":\"\\u0000\"}}", "{\"specs\":[{\"name\":\"\",\"version\":null}]}", "/*c*/{}", "{'a':1}")),
            (1, Gen.String[0, 40]));
        return Gen.Frequency(
            (8, text.Select(s => Encoding.UTF8.GetBytes(s))),
            (1, Gen.Byte.Array[0, 64]));
    }

    /// <summary>The plausible body with one of its parts replaced by <paramref name="replacement"/>, removed, or turned into a string.</summary>
    private static string Mutate(JsonNode body, int seed, JsonNode? replacement)
    {
        var copy = body.DeepClone();
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null) { return; }
            nodes.Add(node);
            foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
            {
                Walk(child);
            }
        }

        Walk(copy);
        var random = new Random(seed);
        var target = nodes[random.Next(nodes.Count)];
        if (target.Parent is not { } parent)
        {
            return replacement?.ToJsonString() ?? "null";
        }

        var action = random.Next(3);
        switch (parent)
        {
            case JsonObject o:
                var name = target.GetPropertyName();
                if (action == 0) { o.Remove(name); }
                else { o[name] = action == 1 ? replacement?.DeepClone() : JsonValue.Create(target.ToJsonString()); }
                break;
            case JsonArray a:
                var index = target.GetElementIndex();
                if (action == 0) { a.RemoveAt(index); }
                else { a[index] = action == 1 ? replacement?.DeepClone() : JsonValue.Create(target.ToJsonString()); }
                break;
        }

        return copy.ToJsonString();
    }

    /// <summary>Percent-encodes the UTF-8 of <paramref name="text"/> (a lone surrogate as U+FFFD) but for unreserved characters.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private JsonObject RawSource(long? id) => External.DataSource("application/octet-stream", null, [External.Asset(_externalFile)],
        new JsonObject { ["dtype"] = "<i8", ["shape"] = new JsonArray(3) }, id);

    private async Task SetUpAsync()
    {
        _externalFile = Path.Combine(server.ExternalDirectory, Wire.NewKey() + ".bin");
        await File.WriteAllBytesAsync(_externalFile, Wire.Int64s(1, 2, 3));
        var admin = (await TiledCli.RunOkAsync("admin", "create-principal", server.Settings.DatabaseUri, "--role", "admin")).Trim();
        _adminKey = (await TiledCli.RunOkAsync("api-key", "create", server.Settings.DatabaseUri, "--principal", admin)).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/principal?role=user");
        request.Headers.TryAddWithoutValidation("Authorization", $"Apikey {_adminKey}");
        using var principal = await SucceedAsync(Http.SendAsync(request));
        _principal = (string)(await Wire.ReadJsonAsync(principal))["uuid"]!;

        await CreateFixturesAsync();
    }

    /// <summary>Makes the container (with the array and table in it) and the external array anew.</summary>
    private async Task CreateFixturesAsync()
    {
        (await Http.DeleteAsync($"/api/v1/metadata/{_container}?recursive=true&external_only=false")).Dispose();
        (await Http.DeleteAsync($"/api/v1/metadata/{_external}?external_only=false")).Dispose();
        await SucceedAsync(Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(_container))));
        await SucceedAsync(Http.PostAsync($"/api/v1/metadata/{_container}", Wire.Json(Wire.Int64Body(_array, 3))));
        await SucceedAsync(Http.PutAsync($"/api/v1/array/full/{ArrayPath}", Wire.Octets(Wire.Int64s(1, 2, 3))));
        await SucceedAsync(Http.PostAsync($"/api/v1/metadata/{_container}", Wire.Json(TableWire.TableBody(_table))));
        await SucceedAsync(Http.PutAsync($"/api/v1/table/full/{TablePath}",
            TableWire.Body(TableWire.FileOf(TableWire.Rows([1, 2], [0.5, null], ["x", null])))));
        foreach (var (path, body, data, read) in Extras)
        {
            await SucceedAsync(Http.PostAsync($"/api/v1/metadata/{_container}", new StringContent(body, Encoding.UTF8, "application/json")));
            if (read.Contains("array", StringComparison.Ordinal))
            {
                await SucceedAsync(Http.PutAsync($"/api/v1/array/full/{path}", Wire.Octets(data)));
            }
            else
            {
                foreach (var partition in new[] { 0, 1 })
                {
                    await SucceedAsync(Http.PutAsync($"/api/v1/table/partition/{path}?partition={partition}",
                        TableWire.Body(TableWire.FileOf(TableWire.Rows([partition], [null], ["p"])))));
                }
            }
        }

        using var registered = await SucceedAsync(Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(_external, RawSource(null)))));
        _externalSourceId = (long)(await Wire.ReadJsonAsync(registered))["data_sources"]![0]!["id"]!;
        _snapshot = await SnapshotAsync();
    }

    /// <summary>After a success: when a fixture is gone or can no longer be read, makes them all anew so the run keeps exercising.</summary>
    private async Task RecoverAsync()
    {
        if (_snapshot.Split('\n').FirstOrDefault(line => !line.StartsWith("200 ", StringComparison.Ordinal)) is { } broken)
        {
            output.WriteLine($"making the fixtures anew: {Shorten(broken)}");
            await CreateFixturesAsync();
        }
    }

    private static async Task<HttpResponseMessage> SucceedAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setting up failed: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    /// <summary>A fresh node for a destructive operation: a container with an array in it, or an array.</summary>
    private async Task<string> ThrowawayAsync(bool container)
    {
        var key = Wire.NewKey("tw");
        if (container)
        {
            await SucceedAsync(Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key))));
            await SucceedAsync(Http.PostAsync($"/api/v1/metadata/{key}", Wire.Json(Wire.Int64Body("x", 2))));
        }
        else
        {
            await SucceedAsync(Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(key, 2))));
        }

        return key;
    }

    /// <summary>Status and content of every fixture's metadata and data, one line each (data as a hash).</summary>
    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        (string Url, string? Accept)[] reads =
        [
            ($"/api/v1/metadata/{_container}", null), ($"/api/v1/metadata/{ArrayPath}", null), ($"/api/v1/metadata/{TablePath}", null),
            ($"/api/v1/metadata/{_external}", null), ($"/api/v1/array/full/{ArrayPath}", "application/octet-stream"),
            ($"/api/v1/table/full/{TablePath}", TableWire.ArrowFile), ($"/api/v1/array/full/{_external}", "application/octet-stream"),
            .. Extras.Select(e => (e.Read + e.Path, (string?)(e.Read.Contains("array", StringComparison.Ordinal) ? "application/octet-stream" : TableWire.ArrowFile))),
        ];
        foreach (var (url, accept) in reads)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }

            using var response = await Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            ((int)response.StatusCode).Should().BeLessThan(500, $"reading {url} back: {Encoding.UTF8.GetString(bytes)}");
            lines.Add($"{(int)response.StatusCode} {url} " + (accept is null ? Encoding.UTF8.GetString(bytes) : Convert.ToHexString(SHA256.HashData(bytes))));
        }

        return string.Join('\n', lines);
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + $"… ({text.Length} characters)";

    private sealed record Operation(string Method, string Template, string[] PathParameters, string[] QueryParameters, string[] RequiredQueryParameters, string[] BodyTypes)
    {
        public string Key => $"{Method} {Template}";
    }

    private sealed record Case(bool Destructive = false, Gen<JsonNode>? Json = null);

    private sealed record Body(byte[]? Bytes, string? ContentType);

    /// <summary>A request before a throw-away node is put in its path; <see cref="ToString"/> is what a failure shows.</summary>
    private sealed record FuzzRequest(
        string Path, string Query, byte[]? Body, string? ContentType, string? Authorization, (string, string)[] Headers, string? Method)
    {
        public override string ToString()
        {
            var body = Body switch
            {
                null => "no body",
                { Length: 0 } => "an empty body",
                _ when Body.Take(2000).All(b => b is >= 0x20 and < 0x7F or (byte)'\n') => $"{Body.Length} bytes: {Shorten(Encoding.ASCII.GetString(Body))}",
                _ => $"{Body.Length} bytes: {Convert.ToHexString(Body[..Math.Min(Body.Length, 64)])}…",
            };
            return (Method is null ? "" : $"{Method} ") + $"{Shorten(Path + Query)} with {body} as {ContentType ?? "(no Content-Type)"}"
                + Authorization switch { null => "", "" => ", no Authorization", _ => $", Authorization '{Authorization}'" }
                + string.Concat(Headers.Select(h => $", {h.Item1}: '{Shorten(h.Item2)}'"));
        }
    }
}

public sealed class SqliteRouteFuzzTests(SqliteServer server, ITestOutputHelper output) : RouteFuzzTests<SqliteServer>(server, output);

public sealed class PostgresRouteFuzzTests(PostgresServer server, ITestOutputHelper output) : RouteFuzzTests<PostgresServer>(server, output);
