using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cached.Generated;

/// <summary>
/// Fails the host's startup when a service with a generated caching decorator was registered after
/// <c>AddCachedDecorators()</c> ran, which would otherwise serve it silently uncached. For generated code; not a
/// stable API.
/// </summary>
/// <remarks>
/// A service collection cannot be observed, so a later registration cannot be wrapped when it is made: the check
/// keeps the collection (the host's, which outlives the build) and looks again when the host starts.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DecoratorRegistrationCheck : IHostedService
{
    private readonly IServiceCollection _services;
    private readonly Func<IServiceCollection, IEnumerable<ServiceDescriptor>> _undecorated;

    private DecoratorRegistrationCheck(IServiceCollection services, Type owner, Func<IServiceCollection, IEnumerable<ServiceDescriptor>> undecorated)
    {
        _services = services;
        Owner = owner;
        _undecorated = undecorated;
    }

    /// <summary>The generated registration class whose decorators this check covers.</summary>
    public Type Owner { get; }

    /// <summary>Registers the check of one assembly's decorators, once however often <c>AddCachedDecorators()</c> is called.</summary>
    /// <param name="services">The collection the decorators were registered in.</param>
    /// <param name="owner">The generated registration class.</param>
    /// <param name="undecorated">The registrations of decorated services that are not wrapped.</param>
    public static void Register(
        IServiceCollection services,
        Type owner,
        Func<IServiceCollection, IEnumerable<ServiceDescriptor>> undecorated)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService &&
                descriptor.ImplementationInstance is DecoratorRegistrationCheck check && check.Owner == owner)
            {
                return;
            }
        }

        services.AddSingleton<IHostedService>(new DecoratorRegistrationCheck(services, owner, undecorated));
    }

    /// <summary>Throws when a decorated service has a registration that is not wrapped.</summary>
    public void Verify()
    {
        var late = _undecorated(_services).ToList();
        if (late.Count == 0)
        {
            return;
        }

        var registrations = string.Join("; ", late.Select(d =>
            $"{d.ServiceType}{(d.IsKeyedService ? $" (key {d.ServiceKey})" : string.Empty)}, {d.Lifetime}"));
        throw new InvalidOperationException(
            "A service with a generated caching decorator was registered after AddCachedDecorators() was called, so it "
            + $"would be served uncached: {registrations}. Call services.AddCachedDecorators() after every registration of it.");
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Verify();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
