namespace Tiled.Api.Http;

/// <summary>
/// A query parameter that cannot be parsed: 400, or 422 where Tiled's FastAPI validation answers
/// 422 (a value outside an enumeration or pattern the route declares).
/// </summary>
internal sealed class QueryParameterException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}
