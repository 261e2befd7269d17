using System.Diagnostics.Metrics;
using Cached.Telemetry;

namespace Cached.Runtime.Tests.Support;

/// <summary>
/// Listens to one instrument of the <c>Cached</c> meter and sums what is recorded for one <c>method</c> tag, so tests
/// running in parallel (each with its own method name) do not see each other's measurements.
/// </summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _method;
    private long _total;

    public CounterRecorder(string instrumentName, string method)
    {
        _method = method;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CachedMetrics.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == CachedMetrics.MethodTag && Equals(tag.Value, _method))
            {
                Interlocked.Add(ref _total, value);
            }
        }
    }
}
