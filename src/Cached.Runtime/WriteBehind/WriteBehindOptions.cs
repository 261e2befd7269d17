namespace Cached;

/// <summary>How the write-behind flusher reads, retries and recovers journaled calls. Set with <c>AddCachedWriteBehind</c>.</summary>
public sealed class WriteBehindOptions
{
    /// <summary>How many journaled calls the flusher reads at once (one <c>XREADGROUP</c>). Default: 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>How long the flusher sleeps when the journal is empty before it reads again. Default: 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Attempts of one call before it moves to the dead-letter stream, counted in Redis so that a call that kills its
    /// process is caught too. Default: 5.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles with each attempt, up to <see cref="MaxRetryDelay"/>. Default: 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts. Default: 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a call may sit read but unacknowledged by a flusher before another flusher takes it over
    /// (<c>XAUTOCLAIM</c>): the time after which a flusher is presumed dead. Keep it above the longest time one call
    /// (with its retries) takes. Default: 1 min.
    /// </summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromMinutes(1);
}
