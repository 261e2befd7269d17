namespace Cached.Generator.Model;

/// <summary>One generated decorator: a sealed class implementing <see cref="ServiceType"/> around an inner instance.</summary>
/// <param name="Namespace">The namespace of the type that carries the attributes; empty for the global namespace.</param>
/// <param name="Name">The decorator's type name.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="ServiceType">The decorated interface, <c>global::</c>-qualified.</param>
/// <param name="ImplementationType">
/// The class whose attributes the decorator applies, <c>global::</c>-qualified; <c>null</c> when the attributes are on
/// the interface itself, which then decorates every implementation.
/// </param>
/// <param name="ServiceIsDisposable">The interface already includes <c>IDisposable</c>, whose <c>Dispose</c> is forwarded.</param>
/// <param name="ServiceIsAsyncDisposable">The interface already includes <c>IAsyncDisposable</c>.</param>
/// <param name="Methods">Every method of the interface and its base interfaces.</param>
/// <param name="Properties">Every property and indexer of the interface and its base interfaces.</param>
/// <param name="Events">Every event of the interface and its base interfaces.</param>
/// <param name="EvictionKeys">Key builders of the cached methods that the decorator's writes evict.</param>
internal sealed record DecoratorSpec(
    string Namespace,
    string Name,
    string HintName,
    string ServiceType,
    string? ImplementationType,
    bool ServiceIsDisposable,
    bool ServiceIsAsyncDisposable,
    EquatableArray<MethodSpec> Methods,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<EventSpec> Events,
    EquatableArray<KeyBuilderSpec> EvictionKeys)
{
    /// <summary>The decorator's <c>global::</c>-qualified name.</summary>
    public string FullName => Namespace.Length == 0 ? "global::" + Name : "global::" + Namespace + "." + Name;
}
