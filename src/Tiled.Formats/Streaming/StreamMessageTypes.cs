namespace Tiled.Formats.Streaming;

/// <summary>
/// The <c>type</c> of every message a node's stream carries: Tiled's (protocol §9.5) and our
/// additions, which clients that do not know them skip. One vocabulary for server and client.
/// </summary>
public static class StreamMessageTypes
{
    public const string ArraySchema = "array-schema";
    public const string TableSchema = "table-schema";
    public const string ContainerSchema = "container-schema";

    public const string ArrayData = "array-data";
    public const string ArrayRef = "array-ref";
    public const string TableData = "table-data";
    public const string ContainerChildCreated = "container-child-created";
    public const string ContainerChildMetadataUpdated = "container-child-metadata-updated";

    /// <summary>Ours: on the parent's stream when a child is deleted (<c>key</c>).</summary>
    public const string ContainerChildDeleted = "container-child-deleted";

    /// <summary>Ours: on the node's own stream when its metadata or specs change (Tiled issue #1129).</summary>
    public const string MetadataUpdated = "metadata-updated";

    /// <summary>Ours: numbers asked for but no longer retained (<c>sequence_from</c>..<c>sequence_to</c>).</summary>
    public const string Gap = "gap";

    /// <summary>Ours: the node's numbering restarted after <c>previous_sequence</c>.</summary>
    public const string Reset = "reset";

    /// <summary>Ours: the last message before the server closes a subscription socket, saying why (Tiled issue #1512).</summary>
    public const string Closing = "closing";
}

/// <summary>Why a subscription ended, in <c>closing</c>, multiplexed <c>complete</c> and <c>connection_closing</c> messages.</summary>
public static class StreamEndReasons
{
    /// <summary>The producer closed the stream.</summary>
    public const string EndOfStream = "end-of-stream";

    /// <summary>The node was deleted.</summary>
    public const string NodeDeleted = "node-deleted";

    /// <summary>The subscriber fell more than the send budget behind; resume from <c>start</c>.</summary>
    public const string TooSlow = "too-slow";

    /// <summary>The server lost its live feed (e.g. Redis); reconnect and resume from <c>start</c>.</summary>
    public const string LiveFeedLost = "live-feed-lost";

    /// <summary>The server is shutting down; reconnect later.</summary>
    public const string ServerShutdown = "server-shutdown";

    /// <summary>An unexpected server error; reconnect and resume.</summary>
    public const string Error = "error";
}

/// <summary>Keys of our own inside Tiled's messages (clients that do not know them ignore them).</summary>
public static class StreamMessageKeys
{
    /// <summary>
    /// In an <c>array-ref</c> that stands for a large array write sent by reference (Tiled issue #1154):
    /// the fields the <c>array-data</c> message would have had (<c>mimetype</c>, <c>shape</c>,
    /// <c>offset</c>, <c>block</c>) and its payload size in <c>bytes</c>. The payload is at <c>uri</c>.
    /// </summary>
    public const string ArrayDataByReference = "array_data";
}
