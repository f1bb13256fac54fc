namespace Tiled.Api.Auth;

/// <summary>The server's single API key and whether anonymous reads are allowed.</summary>
public sealed record ApiKeyOptions(string ApiKey, bool AllowAnonymousReads);
