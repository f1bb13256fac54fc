namespace Tiled.Application.Abstractions;

/// <summary>The live notification feed ended because its connection (e.g. to Redis) was lost.</summary>
public sealed class LiveFeedLostException(string message) : Exception(message);
