using Tiled.Api.Hosting;
using Tiled.Application.Common.Limits;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tiled.Api.Cli;

/// <summary>
/// Reads a Tiled-style service configuration: <c>authentication</c> (<c>single_user_api_key</c>,
/// <c>allow_anonymous_access</c>), <c>trees[0].args</c> (<c>uri</c>, <c>writable_storage</c>,
/// <c>init_if_not_exists</c>, <c>readable_storage</c>), <c>streaming_cache</c> (<c>uri</c>, <c>data_ttl</c>, <c>seq_ttl</c>) and
/// <c>uvicorn</c> (<c>host</c>, <c>port</c>); our additions: <c>limits</c> (name: value, see
/// <see cref="InputLimits.Names"/>), <c>trees[0].args.database_timeout</c> and, as Tiled's Redis
/// setting, <c>streaming_cache.socket_timeout</c> (seconds).
/// </summary>
internal static class ConfigFile
{
    private static readonly HashSet<string> StreamingCacheKeys =
        ["uri", "data_ttl", "seq_ttl", "socket_timeout", "socket_connect_timeout"];

    public static ServerSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandLineException($"The configuration file '{path}' does not exist.");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = File.OpenText(path);
            stream.Load(reader);
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m
                : throw new CommandLineException($"The configuration file '{path}' must hold a mapping.");
        }
        catch (YamlException e)
        {
            throw new CommandLineException($"The configuration file '{path}' is not valid YAML: {e.Message}");
        }

        var auth = Map(root, "authentication");
        var tree = root.Children.TryGetValue("trees", out var trees) && trees is YamlSequenceNode { Children.Count: > 0 } list
            ? Map((YamlMappingNode)list.Children[0], "args")
            : null;
        var cache = Map(root, "streaming_cache");
        var unknown = cache?.Children.Keys.Select(k => k.ToString()).Where(k => !StreamingCacheKeys.Contains(k)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new CommandLineException($"Unknown streaming_cache setting(s): {string.Join(", ", unknown)}.");
        }

        var server = Map(root, "uvicorn");
        var limits = Map(root, "limits")?.Children
            .Select(pair => $"{pair.Key}={(pair.Value as YamlScalarNode)?.Value}") ?? [];
        return new ServerSettings
        {
            DatabaseUri = Text(tree, "uri") ?? throw new CommandLineException("trees[0].args.uri (the catalog database URI) is required."),
            WriteStorage = Text(tree, "writable_storage") ?? throw new CommandLineException("trees[0].args.writable_storage is required."),
            InitIfNotExists = Text(tree, "init_if_not_exists") is "true" or "True",
            ReadStorage = tree is not null && tree.Children.TryGetValue("readable_storage", out var readable) && readable is YamlSequenceNode dirs
                ? dirs.Children.OfType<YamlScalarNode>().Select(d => d.Value ?? "").Where(d => d.Length > 0).ToArray()
                : [],
            ApiKey = Text(auth, "single_user_api_key"),
            Public = Text(auth, "allow_anonymous_access") is "true" or "True",
            CacheUri = Text(cache, "uri"),
            CacheDataTtlSeconds = Int(cache, "data_ttl"),
            CacheSeqTtlSeconds = Int(cache, "seq_ttl"),
            Host = Text(server, "host") ?? "127.0.0.1",
            Port = Int(server, "port") ?? 8000,
            Limits = ServeOptions.WithLimits(new InputLimits(), limits),
            DatabaseTimeoutSeconds = Double(tree, "database_timeout"),
            CacheTimeoutSeconds = Double(cache, "socket_timeout"),
        };
    }

    private static YamlMappingNode? Map(YamlMappingNode? parent, string key) =>
        parent is not null && parent.Children.TryGetValue(key, out var node) ? node as YamlMappingNode : null;

    private static string? Text(YamlMappingNode? parent, string key) =>
        parent is not null && parent.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static double? Double(YamlMappingNode? parent, string key) =>
        Text(parent, key) is { } text
            ? double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 3600
                ? value
                : throw new CommandLineException($"{key} must be a number of seconds between 0 and 3600, not '{text}'.")
            : null;

    private static int? Int(YamlMappingNode? parent, string key) =>
        Text(parent, key) is { } text
            ? int.TryParse(text, out var value) ? value : throw new CommandLineException($"{key} must be an integer, not '{text}'.")
            : null;
}
