using System.Diagnostics;

namespace Cached.Telemetry;

/// <summary>The <c>Cached</c> activity source: one activity per factory run (the expensive, interesting part of a miss).</summary>
internal static class CachedActivities
{
    public const string SourceName = "Cached";

    public static readonly ActivitySource Source = new(SourceName, typeof(CachedActivities).Assembly.GetName().Version?.ToString());

    public static Activity? StartFactory(string key, string? method)
    {
        var activity = Source.StartActivity("Cached.Factory", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("cached.key", key);
            activity.SetTag("cached.method", method);
        }

        return activity;
    }
}
