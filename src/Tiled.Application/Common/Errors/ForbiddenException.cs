using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>The caller is known but may not do this (403).</summary>
public sealed class ForbiddenException(string message) : DomainException("forbidden", message);
