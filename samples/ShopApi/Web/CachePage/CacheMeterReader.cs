using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ShopApi.Web.CachePage;

/// <summary>
/// Listens to the engine's <c>Cached</c> meter for the <c>/cache</c> page: totals every counter per <c>method</c> tag
/// and keeps a window of recent read durations per method and of backplane lags. It keeps no figures of its own: every
/// number comes from the engine's measurements since the app started.
/// </summary>
/// <remarks>
/// The meter is process-wide, so several apps hosted in one process (tests) see each other's measurements.
/// Counters the engine adds later appear under their instrument name without a change here.
/// </remarks>
public sealed class CacheMeterReader : IDisposable
{
    /// <summary>The engine's meter name.</summary>
    public const string MeterName = "Cached";

    private const string ReadDuration = "cached.read.duration";
    private const string BackplaneLag = "cached.backplane.lag";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Method, string Instrument), Total> _totals = new();
    private readonly ConcurrentDictionary<string, LatencyWindow> _readDurations = new();
    private readonly LatencyWindow _backplaneLag = new();

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
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The totals so far, one row per method tag, by method name, with the method's recent read latency.</summary>
    public IReadOnlyList<MethodCounters> Snapshot() =>
        _totals
            .GroupBy(pair => pair.Key.Method)
            .Select(group => new MethodCounters(
                group.Key,
                group.ToDictionary(pair => pair.Key.Instrument, pair => pair.Value.Read()),
                _readDurations.TryGetValue(group.Key, out var window) ? window.Read() : null))
            .OrderBy(row => row.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The backplane's and the breaker's state: counters without a method, and the recent lag.</summary>
    public BackplaneState Backplane() => new(
        TotalOf("cached.backplane.sent"),
        TotalOf("cached.backplane.received"),
        _backplaneLag.Read(),
        TotalOf("cached.resyncs"),
        TotalOf("cached.l2.breaker.open"));

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _totals.GetOrAdd((MethodOf(tags), instrument.Name), static _ => new Total()).Add(value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.Name == ReadDuration)
        {
            _readDurations.GetOrAdd(MethodOf(tags), static _ => new LatencyWindow()).Add(value);
        }
        else if (instrument.Name == BackplaneLag)
        {
            _backplaneLag.Add(value);
        }
    }

    private long TotalOf(string instrument) =>
        _totals.Where(pair => pair.Key.Instrument == instrument).Sum(pair => pair.Value.Read());

    private static string MethodOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "method")
            {
                return tag.Value as string ?? "";
            }
        }

        return "";
    }

    private sealed class Total
    {
        private long _value;

        public void Add(long value) => Interlocked.Add(ref _value, value);

        public long Read() => Interlocked.Read(ref _value);
    }
}
