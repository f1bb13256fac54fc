namespace Tiled.Client;

/// <summary>The server refused a request; <see cref="Detail"/> is its explanation.</summary>
public sealed class TiledException(int statusCode, string detail, string url)
    : Exception($"{statusCode}: {detail} {url}")
{
    public int StatusCode { get; } = statusCode;

    public string Detail { get; } = detail;
}
