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
