using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cached.Health;

/// <summary>
/// Reports the state of L2 and of the backplane: <see cref="HealthStatus.Healthy"/> when Redis is connected, the
/// circuit breaker closed and the backplane subscription confirmed (or when no Redis is configured: L1 only);
/// otherwise the registration's failure status (<see cref="HealthStatus.Degraded"/> through <c>AddCached()</c>: requests
/// are still served from L1 and factories).
/// </summary>
/// <param name="engine">The engine registered by <c>AddCached</c>.</param>
public sealed class CachedHealthCheck(CacheEngine engine) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (engine.L2 is not { } l2)
        {
            return Task.FromResult(HealthCheckResult.Healthy("L1 only: no Redis configured."));
        }

        var connected = l2.IsConnected;
        var breakerOpen = l2.Breaker.IsOpen;
        var subscribed = engine.Backplane?.IsSubscribed ?? false;
        var data = new Dictionary<string, object>
        {
            ["l2.connected"] = connected,
            ["l2.breaker"] = breakerOpen ? "open" : "closed",
            ["backplane.subscribed"] = subscribed,
            ["backplane.instance"] = engine.Backplane?.InstanceId.ToString() ?? string.Empty,
            ["resyncs"] = engine.Resyncs,
        };
        var result = connected && !breakerOpen && subscribed
            ? HealthCheckResult.Healthy("L2 connected, backplane subscribed.", data)
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                "Serving from L1 and factories: " + (!connected ? "Redis is not connected." : breakerOpen ? "the circuit breaker is open." : "the backplane subscription is not confirmed."),
                data: data);
        return Task.FromResult(result);
    }
}
