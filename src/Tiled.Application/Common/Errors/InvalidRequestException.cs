using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>A request that is well formed but asks for something impossible (400).</summary>
public sealed class InvalidRequestException(string message) : DomainException("invalid-request", message);
