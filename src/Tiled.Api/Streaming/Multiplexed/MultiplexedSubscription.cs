using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>One subscription of a multiplexed socket, from the client's <c>subscribe</c> until it ends.</summary>
internal sealed class MultiplexedSubscription(string id, string path, long? start, bool inline = false)
{
    /// <summary>Whether array writes sent by reference reach this subscription with their payload inline.</summary>
    public bool Inline { get; } = inline;

    public string Id { get; } = id;

    public string Path { get; } = path;

    /// <summary>The requested first sequence number; null for live updates only.</summary>
    public long? Start { get; } = start;

    /// <summary>Cancelled when the client completes the subscription or the connection ends.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>Where this subscription's written frames are counted.</summary>
    public ResumePoint Resume { get; } = new();

    /// <summary>The subscription's run, from the node lookup to its end.</summary>
    public Task Run { get; set; } = Task.CompletedTask;

    /// <summary>The <c>start</c> that resumes this subscription without loss.</summary>
    public long? ResumeFrom => Resume.From(Start);
}
