namespace Tiled.Api.Auth;

/// <summary>
/// Endpoint metadata for WebSocket routes: credentials come only from <c>Authorization: Apikey</c>
/// or <c>?api_key=</c> (any other scheme is 400, as in Tiled), never from cookies (a cookie would
/// let any web page open a subscription in its visitor's name). Without credentials the endpoint
/// still runs, and authenticates by the first frame.
/// </summary>
internal sealed class WebSocketCredentials
{
    public static WebSocketCredentials Instance { get; } = new();

    public const string SchemeDetail =
        "Authorization header must include the authorization type followed by a space and then the secret, as in 'Apikey SECRET'.";
}
