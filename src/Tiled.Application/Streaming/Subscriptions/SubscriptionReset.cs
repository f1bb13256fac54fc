namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// The node's numbering restarted (its counter expired, or the server lost its history): the
/// entries that follow are numbered from 1 again. <see cref="PreviousSequence"/> is the last number
/// of the old numbering that this connection delivered or was asked to resume after.
/// </summary>
public sealed record SubscriptionReset(long PreviousSequence, bool FromReplay) : SubscriptionItem(FromReplay);
