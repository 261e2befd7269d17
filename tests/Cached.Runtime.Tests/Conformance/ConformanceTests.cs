using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests.Conformance;

/// <summary>The reference: Microsoft's default HybridCache (<c>AddHybridCache()</c>), in memory.</summary>
public sealed class MicrosoftHybridCacheConformance : HybridCacheConformance
{
    protected override void AddImplementation(IServiceCollection services, FakeTimeProvider time)
    {
        // Its L1 is a MemoryCache, whose expiry reads MemoryCacheOptions.Clock rather than the TimeProvider.
        services.AddMemoryCache(options => options.Clock = new TimeProviderClock(time));
        services.AddHybridCache();
    }

#pragma warning disable CS0618 // ISystemClock: the only clock MemoryCache accepts
    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}

/// <summary>Cached's HybridCache (<c>AddCached(...)</c>), L1 only.</summary>
public sealed class CachedHybridCacheConformance : HybridCacheConformance
{
    protected override void AddImplementation(IServiceCollection services, FakeTimeProvider time)
        => services.AddCached(options => options.KeyPrefix = "conformance");
}
