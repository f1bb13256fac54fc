using System.CommandLine;
using Tiled.Api.Hosting;
using Tiled.Application.Common.Limits;

namespace Tiled.Api.Cli;

/// <summary>Options shared by the serve commands; command-line values override the configuration's.</summary>
internal sealed class ServeOptions
{
    private readonly Option<string?> _host = new("--host") { Description = "Address to bind (default 127.0.0.1)." };
    private readonly Option<int?> _port = new("--port") { Description = "Port to bind (default 8000; 0 picks a free port).", CustomParser = ListenAddress.ParsePort };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "The single-user API key (letters and digits). Generated and printed when omitted." };
    private readonly Option<bool> _public = new("--public") { Description = "Allow reads without an API key." };
    private readonly Option<string?> _cache = new("--cache") { Description = "Stream cache: redis://[:PASSWORD@]HOST:PORT[/DB], rediss://..., or memory (default)." };
    private readonly Option<int?> _dataTtl = new("--cache-data-ttl") { Description = "Seconds each streamed update is retained (default 3600)." };
    private readonly Option<int?> _seqTtl = new("--cache-seq-ttl") { Description = "Seconds a stream's counter lives without updates (default 2592000)." };
    private readonly Option<string[]> _limits = new("--limit")
    {
        Description = "Set one input limit, NAME=VALUE (repeatable): " + string.Join(", ", InputLimits.Names) + ".",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<double?> _databaseTimeout = new("--database-timeout") { Description = "Seconds a catalog database call may take before the request is 503 (default 5)." };
    private readonly Option<double?> _cacheTimeout = new("--cache-timeout") { Description = "Seconds a stream cache call may take before the request is 503 (default 5)." };
    private readonly Option<long?> _streamInlineLimit = new("--stream-inline-limit")
    {
        Description = "Bytes above which a persisted array write is streamed by reference, as array-ref with a uri (default 1048576; 0: always inline).",
    };

    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Log at Debug level." };
    private readonly Option<bool> _logJson = new("--log-json") { Description = "Log one JSON object per line (Serilog's compact format) instead of text." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _host, _port, _apiKey, _public, _cache, _dataTtl, _seqTtl, _limits, _databaseTimeout, _cacheTimeout, _streamInlineLimit, _verbose, _logJson })
        {
            command.Options.Add(option);
        }
    }

    public bool Verbose(ParseResult result) => result.GetValue(_verbose);

    public ServerSettings Apply(ParseResult result, ServerSettings settings) => settings with
    {
        Host = result.GetValue(_host) is { } host ? ListenAddress.Host(host, "--host") : ListenAddress.Host(settings.Host, "uvicorn.host"),
        Port = result.GetValue(_port) ?? ListenAddress.Port(settings.Port, "uvicorn.port"),
        ApiKey = result.GetValue(_apiKey) ?? settings.ApiKey ?? Environment.GetEnvironmentVariable("TILED_SINGLE_USER_API_KEY"),
        Public = result.GetValue(_public) || settings.Public,
        CacheUri = result.GetValue(_cache) ?? settings.CacheUri,
        CacheDataTtlSeconds = Positive(result.GetValue(_dataTtl)) ?? settings.CacheDataTtlSeconds,
        CacheSeqTtlSeconds = Positive(result.GetValue(_seqTtl)) ?? settings.CacheSeqTtlSeconds,
        Limits = WithLimits(settings.Limits, result.GetValue(_limits) ?? []),
        DatabaseTimeoutSeconds = Seconds(result.GetValue(_databaseTimeout), "--database-timeout") ?? settings.DatabaseTimeoutSeconds,
        CacheTimeoutSeconds = Seconds(result.GetValue(_cacheTimeout), "--cache-timeout") ?? settings.CacheTimeoutSeconds,
        JsonLogs = result.GetValue(_logJson) || settings.JsonLogs,
        StreamInlineLimitBytes = result.GetValue(_streamInlineLimit) switch
        {
            null => settings.StreamInlineLimitBytes,
            >= 0 and var bytes => bytes,
            _ => throw new CommandLineException("--stream-inline-limit must be a number of bytes, 0 or more."),
        },
    };

    /// <summary><paramref name="limits"/> with each <c>NAME=VALUE</c> applied.</summary>
    public static InputLimits WithLimits(InputLimits limits, IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            try
            {
                limits = equals < 0
                    ? throw new ArgumentException($"--limit takes NAME=VALUE, not '{assignment}'.")
                    : limits.With(assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
            }
            catch (ArgumentException e)
            {
                throw new CommandLineException(e.Message);
            }
        }

        return limits;
    }

    private static double? Seconds(double? value, string name) => value switch
    {
        null => null,
        > 0 and <= 3600 => value,
        _ => throw new CommandLineException($"{name} must be between 0 and 3600 seconds."),
    };

    // Tiled ignores a TTL of 0.
    private static int? Positive(int? value) => value is > 0 ? value : null;
}
