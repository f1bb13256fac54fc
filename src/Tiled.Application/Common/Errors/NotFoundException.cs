using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>Something other than a node is missing (404), with Tiled's detail for it.</summary>
public sealed class NotFoundException(string message) : DomainException("not-found", message);
