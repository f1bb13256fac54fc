namespace Tiled.UnitTests.TestKit;

/// <summary>
/// A clock that moves only when told to. <see cref="Advance"/> fires due timers in time order on
/// the calling thread, so tests of time-outs and TTLs take no real time.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private long _elapsedTicks;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(GetTimestamp());

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsedTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="duration"/>, firing each timer that falls due on the way.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _elapsedTicks + duration.Ticks;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _elapsedTicks = target;
                    return;
                }

                _elapsedTicks = Math.Max(_elapsedTicks, due.DueAt);
                due.Reschedule();
            }

            due.Fire();
        }
    }

    private void Schedule(ManualTimer timer, bool active)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long _period;

        public long DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var active = dueTime != Timeout.InfiniteTimeSpan;
            DueAt = active ? clock.GetTimestamp() + dueTime.Ticks : long.MaxValue;
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            clock.Schedule(this, active);
            return true;
        }

        /// <summary>Called under the clock's lock when the timer fires.</summary>
        public void Reschedule()
        {
            if (_period > 0)
            {
                DueAt += _period;
            }
            else
            {
                clock._timers.Remove(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
