namespace Tiled.Api.Http;

/// <summary>A query parameter that cannot be parsed (400).</summary>
internal sealed class QueryParameterException(string message) : Exception(message);
