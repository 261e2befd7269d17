using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cached.Generated;
using Cached.Runtime.Tests.Strategies;
using Cached.Runtime.Tests.Support;
using Cached.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests;

public sealed class TelemetryTests
{
    private const string Key = "Tests.Telemetry#0|1";
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StaleFor = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Reads_are_timed_per_method_by_the_tier_that_served_them()
    {
        const string name = "Tests.Telemetry.Tiers";
        using var durations = new ReadDurationRecorder(name);
        using var cache = TestCache.Create();
        var method = Method(name);
        var source = new GatedSource("v1");

        await Read(method, cache.Hybrid, source);
        await Read(method, cache.Hybrid, source);
        await Read(method, cache.Hybrid, source);

        Assert.Equal([CachedMetrics.FactoryTier, CachedMetrics.L1Tier, CachedMetrics.L1Tier], durations.Tiers);
        Assert.All(durations.Milliseconds, ms => Assert.True(ms >= 0));
    }

    [Fact]
    public async Task A_value_served_stale_while_it_revalidates_is_counted_for_its_method()
    {
        const string name = "Tests.Telemetry.StaleWhileRevalidate";
        using var stale = new CounterRecorder(StrategyMetrics.StaleServedName, name);
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method(name);
        var source = new GatedSource("v1");
        await Read(method, cache.Hybrid, source);

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        source.Hold("v2");
        var served = await Read(method, cache.Hybrid, source);
        source.Release();

        Assert.Equal("v1", served);
        Assert.Equal(1, stale.Total);
    }

    [Fact]
    public async Task A_value_served_stale_because_the_factory_failed_is_counted_for_its_method()
    {
        const string name = "Tests.Telemetry.FailSafe";
        using var stale = new CounterRecorder(StrategyMetrics.StaleServedName, name);
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = Method(name, softTimeout: TimeSpan.FromSeconds(1));
        var source = new GatedSource("v1");
        await Read(method, cache.Hybrid, source);

        source.Fail(new InvalidOperationException("database down"));
        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        var served = await Read(method, cache.Hybrid, source);

        Assert.Equal("v1", served);
        Assert.Equal(1, stale.Total);
    }

    private static CachedMethod<string> Method(string name, TimeSpan? softTimeout = null)
        => new(name, "Tests.Telemetry#0", Ttl, null, CacheStrategy.CacheAside) { StaleFor = StaleFor, FactorySoftTimeout = softTimeout };

    /// <summary>What a generated wrapper does: the allocation-free hit, else the miss path.</summary>
    private static ValueTask<string> Read(CachedMethod<string> method, HybridCache cache, GatedSource source)
        => method.TryGetValue(cache, Key, out var hit)
            ? new ValueTask<string>(hit)
            : method.GetOrCreateAsync(cache, Key, source, static (s, ct) => s.LoadAsync(ct), ["item:1"], default);

    /// <summary>The read durations recorded for one method, in order, with their tier.</summary>
    private sealed class ReadDurationRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Tier, double Milliseconds)> _reads = new();
        private readonly string _method;

        public ReadDurationRecorder(string method)
        {
            _method = method;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CachedMetrics.MeterName && instrument.Name == CachedMetrics.ReadDurationName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>(OnMeasurement);
            _listener.Start();
        }

        public IReadOnlyList<string> Tiers => _reads.Select(r => r.Tier).ToList();

        public IEnumerable<double> Milliseconds => _reads.Select(r => r.Milliseconds);

        public void Dispose() => _listener.Dispose();

        private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            string? method = null, tier = null;
            foreach (var tag in tags)
            {
                method = tag.Key == CachedMetrics.MethodTag ? tag.Value as string : method;
                tier = tag.Key == CachedMetrics.TierTag ? tag.Value as string : tier;
            }

            if (method == _method && tier is not null)
            {
                _reads.Enqueue((tier, value));
            }
        }
    }
}
