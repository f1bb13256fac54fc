using Tiled.Domain.Common;

namespace Tiled.Api.Http;

/// <summary>No representation the client accepts can be produced (406).</summary>
internal sealed class NotAcceptableException(string message) : DomainException("not-acceptable", message);
