using Tiled.Domain.Common;

namespace Tiled.Api.Endpoints;

/// <summary>A JSON body of the wrong shape (422, as FastAPI's request validation answers).</summary>
internal sealed class RequestBodyException(string message) : DomainException("invalid-structure", message);
