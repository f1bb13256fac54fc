using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>A node key Tiled would refuse (Tiled's <c>UnsafeIdentifier</c>, 422).</summary>
public sealed class UnsafeKeyException(string message) : DomainException("unsafe-identifier", message);
