namespace Tiled.Bench.Report;

/// <summary>What was measured, where and when: the head of both reports.</summary>
internal sealed record RunInfo(string Target, string Mode, int? ServerPid, int ProcessorCount, string Os, string Runtime,
    DateTime StartedUtc, double DurationSeconds, double? LoadAverageAtStart);
