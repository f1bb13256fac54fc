using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Domain.Principals;

namespace Tiled.Api.Auth;

/// <summary>
/// Registers the <c>Apikey</c> scheme and endpoint authorization. Every endpoint says what it needs
/// (<see cref="RequireScopes{TBuilder}"/>, <see cref="RequireSubscriber{TBuilder}"/>, or
/// <c>AllowAnonymous()</c>); one that says nothing gets the fallback policy, which lets only valid
/// credentials through.
/// </summary>
internal static class EndpointAuthorization
{
    public static IServiceCollection AddTiledAuthorization(this IServiceCollection services, ApiKeyOptions keys)
    {
        services.AddSingleton(keys);
        services.AddSingleton<CredentialVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationResponses>();
        return services;
    }

    /// <summary>The request must hold every one of <paramref name="scopes"/> (protocol additions §4.4).</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(new ScopeRequirement(scopes)).Build());

    /// <summary>
    /// A WebSocket subscription: <c>Apikey</c> credentials holding <see cref="Scopes.Subscribe"/>, or
    /// none (then the first frame authenticates and is checked the same way, or the server is
    /// public); refused credentials never get through.
    /// </summary>
    public static TBuilder RequireSubscriber<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WebSocketCredentials.Instance).RequireScopes([.. Scopes.Subscribe]);

    /// <summary>
    /// The multiplexed WebSocket: credentials as <see cref="RequireSubscriber{TBuilder}"/>, but no
    /// scope at connect time; each subscription is checked for <see cref="Scopes.Subscribe"/>.
    /// </summary>
    public static TBuilder RequireMultiplexedSubscriber<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WebSocketCredentials.Instance).RequireScopes();
}
