using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>A delete that would remove more than was asked for (Tiled's <c>Conflicts</c>/<c>WouldDeleteData</c>, 409).</summary>
public sealed class DeletionConflictException(string message) : DomainException("would-delete-data", message);
