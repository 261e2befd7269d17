using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests.Strategies;

public sealed class WarmupTests
{
    [Fact]
    public async Task A_warmup_before_startup_fills_the_cache_before_the_host_starts_then_runs_on_its_schedule()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddCached(o => o.KeyPrefix = "tests");
        services.AddCachedWarmup(
            "hot keys",
            async (provider, ct) =>
            {
                var run = Interlocked.Increment(ref runs);
                var engine = provider.GetRequiredService<CacheEngine>();
                await engine.SetAsync("home", $"warm {run}", cancellationToken: ct);
            },
            repeatEvery: TimeSpan.FromMinutes(5),
            beforeStartup: true);
        await using var provider = services.BuildServiceProvider();
        var warmup = Assert.Single(provider.GetServices<IHostedService>());

        await warmup.StartAsync(default).Within();
        Assert.True(provider.GetRequiredService<CacheEngine>().TryGet<string>("home", out var first));
        Assert.Equal("warm 1", first);

        time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.HoldsAsync(() => runs == 2, "the scheduled run happened");
        await warmup.StopAsync(default).Within();
    }

    [Fact]
    public async Task A_failing_warmup_is_logged_and_does_not_stop_the_host()
    {
        var services = new ServiceCollection();
        services.AddCached(o => o.KeyPrefix = "tests");
        services.AddCachedWarmup("broken", (_, _) => throw new InvalidOperationException("database down"), beforeStartup: true);
        await using var provider = services.BuildServiceProvider();
        var warmup = Assert.Single(provider.GetServices<IHostedService>());

        await warmup.StartAsync(default).Within();
        await warmup.StopAsync(default).Within();
    }
}
