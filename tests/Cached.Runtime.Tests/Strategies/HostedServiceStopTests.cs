using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cached.Runtime.Tests.Strategies;

/// <summary>
/// A host run by <c>WebApplication.Run</c> stops itself and disposes its services while a caller of <c>StopAsync</c> (a
/// test server, a second stopper) may still be stopping it: the hosted services must take that like BackgroundService.
/// </summary>
public sealed class HostedServiceStopTests
{
    [Fact]
    public async Task A_warmup_stopped_after_it_was_disposed_stops_quietly()
    {
        var services = new ServiceCollection();
        services.AddCached(o => o.KeyPrefix = "tests");
        services.AddCachedWarmup("noop", (_, _) => Task.CompletedTask, beforeStartup: true);

        await StartDisposeThenStopAsync(services);
    }

    [Fact]
    public async Task A_write_behind_flusher_stopped_after_it_was_disposed_stops_quietly()
    {
        var services = new ServiceCollection();
        services.AddCached(o => o.KeyPrefix = "tests");
        services.AddCachedWriteBehind();

        await StartDisposeThenStopAsync(services);
    }

    private static async Task StartDisposeThenStopAsync(ServiceCollection services)
    {
        var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        await hosted.StartAsync(default).Within();

        await provider.DisposeAsync();

        await hosted.StopAsync(default).Within();
    }
}
