using Cached.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Cached's health check: <c>services.AddHealthChecks().AddCached()</c>.</summary>
public static class CachedHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="CachedHealthCheck"/>, which reports whether L2 (Redis) and the backplane are up. A Redis outage is
    /// reported as <see cref="HealthStatus.Degraded"/>: the application still serves requests.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default: <c>"cached"</c>.</param>
    /// <param name="tags">Tags to filter checks by, e.g. <c>"ready"</c>; <c>null</c> for none.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddCached(this IHealthChecksBuilder builder, string name = "cached", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<CachedHealthCheck>(name, HealthStatus.Degraded, tags ?? []);
    }
}
