using System.Diagnostics;

namespace Cached.Telemetry;

/// <summary>
/// The <c>Cached</c> activity source: one activity per factory run (the expensive, interesting part of a miss), and
/// one per distributed-lock acquisition (taking the lease, or waiting for another node's value).
/// </summary>
internal static class CachedActivities
{
    public const string SourceName = "Cached";

    public static readonly ActivitySource Source = new(SourceName, typeof(CachedActivities).Assembly.GetName().Version?.ToString());

    public static Activity? StartFactory(string key, string? method) => Start("Cached.Factory", key, method);

    /// <summary>The factory run of a many-key read: tagged with its first key and the number of keys.</summary>
    public static Activity? StartBatchFactory(IReadOnlyList<string> keys, string? method)
    {
        var activity = Start("Cached.Factory", keys[0], method);
        activity?.SetTag("cached.key_count", keys.Count);
        return activity;
    }

    public static Activity? StartLock(string key, string? method) => Start("Cached.Lock", key, method);

    private static Activity? Start(string name, string key, string? method)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("cached.key", key);
            activity.SetTag("cached.method", method);
        }

        return activity;
    }
}
