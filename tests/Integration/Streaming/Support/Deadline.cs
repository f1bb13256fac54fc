namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>How long streaming tests wait for something the server should do promptly.</summary>
public static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);
}
