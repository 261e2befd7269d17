using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ShopApi.Web.CachePage;

/// <summary>
/// Listens to the engine's <c>Cached</c> meter and totals every counter per <c>method</c> tag, for the <c>/cache</c>
/// page. It keeps no figures of its own: every number is a sum of the engine's measurements since the app started.
/// </summary>
/// <remarks>
/// The meter is process-wide, so several apps hosted in one process (tests) see each other's measurements.
/// Counters the engine adds later appear under their instrument name without a change here.
/// </remarks>
public sealed class CacheMeterReader : IDisposable
{
    /// <summary>The engine's meter name.</summary>
    public const string MeterName = "Cached";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Method, string Instrument), Total> _totals = new();

    public CacheMeterReader()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The totals so far, one row per method tag, by method name.</summary>
    public IReadOnlyList<MethodCounters> Snapshot() =>
        _totals
            .GroupBy(pair => pair.Key.Method)
            .Select(group => new MethodCounters(group.Key, group.ToDictionary(pair => pair.Key.Instrument, pair => pair.Value.Read())))
            .OrderBy(row => row.Method, StringComparer.Ordinal)
            .ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var method = "";
        foreach (var tag in tags)
        {
            if (tag.Key == "method")
            {
                method = tag.Value as string ?? "";
            }
        }

        _totals.GetOrAdd((method, instrument.Name), static _ => new Total()).Add(value);
    }

    private sealed class Total
    {
        private long _value;

        public void Add(long value) => Interlocked.Add(ref _value, value);

        public long Read() => Interlocked.Read(ref _value);
    }
}
