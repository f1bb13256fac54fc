using Microsoft.AspNetCore.Authorization;

namespace Tiled.Api.Auth;

/// <summary>
/// What an endpoint needs: every scope in <see cref="Required"/> (protocol additions §4.4). An
/// empty list means "any valid credentials, or none" (the WebSocket routes, which authenticate
/// by the first frame when no credentials came).
/// </summary>
internal sealed class ScopeRequirement(IReadOnlyList<string> required) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Required { get; } = required;
}
