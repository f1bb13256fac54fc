using System.CommandLine;
using Tiled.Api.Hosting;

namespace Tiled.Api.Cli;

/// <summary>Options shared by the serve commands; command-line values override the configuration's.</summary>
internal sealed class ServeOptions
{
    private readonly Option<string?> _host = new("--host") { Description = "Address to bind (default 127.0.0.1)." };
    private readonly Option<int?> _port = new("--port") { Description = "Port to bind (default 8000)." };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "The single-user API key (letters and digits). Generated and printed when omitted." };
    private readonly Option<bool> _public = new("--public") { Description = "Allow reads without an API key." };
    private readonly Option<string?> _cache = new("--cache") { Description = "Stream cache: redis://[:PASSWORD@]HOST:PORT[/DB], rediss://..., or memory (default)." };
    private readonly Option<int?> _dataTtl = new("--cache-data-ttl") { Description = "Seconds each streamed update is retained (default 3600)." };
    private readonly Option<int?> _seqTtl = new("--cache-seq-ttl") { Description = "Seconds a stream's counter lives without updates (default 2592000)." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Log at Debug level." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _host, _port, _apiKey, _public, _cache, _dataTtl, _seqTtl, _verbose })
        {
            command.Options.Add(option);
        }
    }

    public bool Verbose(ParseResult result) => result.GetValue(_verbose);

    public ServerSettings Apply(ParseResult result, ServerSettings settings) => settings with
    {
        Host = result.GetValue(_host) ?? settings.Host,
        Port = result.GetValue(_port) ?? settings.Port,
        ApiKey = result.GetValue(_apiKey) ?? settings.ApiKey ?? Environment.GetEnvironmentVariable("TILED_SINGLE_USER_API_KEY"),
        Public = result.GetValue(_public) || settings.Public,
        CacheUri = result.GetValue(_cache) ?? settings.CacheUri,
        CacheDataTtlSeconds = Positive(result.GetValue(_dataTtl)) ?? settings.CacheDataTtlSeconds,
        CacheSeqTtlSeconds = Positive(result.GetValue(_seqTtl)) ?? settings.CacheSeqTtlSeconds,
    };

    // Tiled ignores a TTL of 0.
    private static int? Positive(int? value) => value is > 0 ? value : null;
}
