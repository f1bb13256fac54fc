using Tiled.Domain.Common;

namespace Tiled.Api.Http;

/// <summary>Which representation of array data a client gets (protocol §6.2): <c>format</c> wins over <c>Accept</c>.</summary>
internal static class ArrayMediaTypes
{
    public const string OctetStream = "application/octet-stream";
    public const string Json = "application/json";
    public const string Csv = "text/csv";
    public const string Png = "image/png";

    /// <summary>What a read can answer with, the default first.</summary>
    public static readonly string[] Served = [OctetStream, Json, Csv, Png];

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [OctetStream] = OctetStream,
        [Json] = Json,
        [Csv] = Csv,
        ["text/plain"] = Csv,
        ["text/x-comma-separated-values"] = Csv,
        ["application/vnd.ms-excel"] = Csv,
        ["*/*"] = OctetStream,
        ["application/*"] = OctetStream,
        ["json"] = Json,
        ["csv"] = Csv,
        [Png] = Png,
        ["image/*"] = Png,
        ["png"] = Png,
        ["bin"] = OctetStream,
        ["octet-stream"] = OctetStream,
    };

    public static string Choose(string? format, string? accept)
    {
        var requested = !string.IsNullOrEmpty(format) ? format : accept;
        if (string.IsNullOrWhiteSpace(requested))
        {
            return OctetStream;
        }

        foreach (var item in requested.Split(','))
        {
            var mediaType = item.Split(';')[0].Trim();
            if (Known.TryGetValue(mediaType, out var chosen))
            {
                return chosen;
            }
        }

        throw new NotAcceptableException(
            $"None of the media types requested by the client are supported. Supported: {OctetStream}, {Json}, {Csv}, {Png}. Requested: {requested}.");
    }
}
