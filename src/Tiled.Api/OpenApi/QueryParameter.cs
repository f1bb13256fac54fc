using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Tiled.Api.OpenApi;

/// <summary>The JSON Schema type a query parameter is documented with.</summary>
internal enum QueryType
{
    String,
    Integer,
    Boolean,
    IntegerList,
}

/// <summary>
/// One query parameter a route reads, with what the OpenAPI document says about it. Handlers read
/// parameters only through <see cref="From"/> and <see cref="IsIn"/>, which refuse (a server bug,
/// 500) a parameter the matched route does not declare with
/// <see cref="EndpointDocumentation.WithQuery"/>: so a parameter cannot be read without
/// being documented.
/// </summary>
internal sealed class QueryParameter(string name, QueryType type, string description)
{
    public string Name { get; } = name;

    public QueryType Type { get; } = type;

    public string Description { get; } = description;

    /// <summary>The default, as the client would write it; null when absent means "not given".</summary>
    public string? Default { get; init; }

    public bool Required { get; init; }

    /// <summary>The parameter may be given several times (<c>column=a&amp;column=b</c>).</summary>
    public bool Repeated { get; init; }

    /// <summary>Allowed values, when there is a fixed set.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    public StringValues From(HttpRequest request) => Declared(request).Query[Name];

    public bool IsIn(HttpRequest request) => Declared(request).Query.ContainsKey(Name);

    /// <summary>The request, once this parameter is known to be declared on its endpoint.</summary>
    public HttpRequest Declared(HttpRequest request)
    {
        var declared = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<DocumentedQuery>();
        if (declared is null || !declared.Parameters.Contains(this))
        {
            throw new InvalidOperationException(
                $"The query parameter {Name} is read by {request.HttpContext.GetEndpoint()?.DisplayName} but not declared with WithQuery, so it is missing from the OpenAPI document.");
        }

        return request;
    }
}

/// <summary>Endpoint metadata: the query parameters a route reads.</summary>
internal sealed record DocumentedQuery(IReadOnlyList<QueryParameter> Parameters);
