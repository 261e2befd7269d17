using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// The types the rules compare against, resolved once per compilation (in a compilation-start action) rather than
/// once per method.
/// </summary>
internal sealed class CachedSymbols
{
    private CachedSymbols(Compilation compilation, INamedTypeSymbol cached, INamedTypeSymbol invalidatesCache)
    {
        CachedAttribute = cached;
        InvalidatesCacheAttribute = invalidatesCache;
        NotCacheKeyAttribute = compilation.GetTypeByMetadataName("Cached.NotCacheKeyAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        HybridCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Hybrid.HybridCache");
    }

    public INamedTypeSymbol CachedAttribute { get; }

    public INamedTypeSymbol InvalidatesCacheAttribute { get; }

    public INamedTypeSymbol? NotCacheKeyAttribute { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    /// <summary>The cache the methods of a partial type are implemented over; <c>null</c> when it is not referenced.</summary>
    public INamedTypeSymbol? HybridCache { get; }

    /// <summary>Resolves the attribute types; <c>null</c> when the compilation does not reference Cached (nothing to check).</summary>
    public static CachedSymbols? TryCreate(Compilation compilation)
    {
        var cached = compilation.GetTypeByMetadataName("Cached.CachedAttribute");
        var invalidates = compilation.GetTypeByMetadataName("Cached.InvalidatesCacheAttribute");
        return cached is null || invalidates is null ? null : new CachedSymbols(compilation, cached, invalidates);
    }

    /// <summary>
    /// The method a symbol action should check, or <c>null</c>. A partial method raises the action for both of its
    /// parts, which carry the same merged attributes; only the defining part is checked, so nothing is reported twice.
    /// </summary>
    public static IMethodSymbol? MethodToAnalyze(ISymbol symbol) =>
        symbol is IMethodSymbol { PartialDefinitionPart: null } method ? method : null;

    public bool IsCached(AttributeData attribute) =>
        SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, CachedAttribute);

    public bool IsInvalidatesCache(AttributeData attribute) =>
        SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, InvalidatesCacheAttribute);

    public AttributeData? FindCached(ISymbol symbol) => Find(symbol, CachedAttribute);

    public AttributeData? FindInvalidatesCache(ISymbol symbol) => Find(symbol, InvalidatesCacheAttribute);

    /// <summary>The <c>[Cached]</c> of a method, or of the interface method it implements (a decorator honours both).</summary>
    public AttributeData? FindCachedOrInherited(IMethodSymbol method) => FindOrInherited(method, CachedAttribute);

    /// <summary>The <c>[InvalidatesCache]</c> of a method, or of the interface method it implements.</summary>
    public AttributeData? FindInvalidatesCacheOrInherited(IMethodSymbol method) => FindOrInherited(method, InvalidatesCacheAttribute);

    public bool HasNotCacheKey(IParameterSymbol parameter) =>
        NotCacheKeyAttribute is not null && Find(parameter, NotCacheKeyAttribute) is not null;

    /// <summary>
    /// Whether <paramref name="parameter"/> enters the method's key: everything but a <c>CancellationToken</c> and a
    /// <c>[NotCacheKey]</c> parameter (the generator's rule, through <see cref="KeyForms"/>).
    /// </summary>
    public bool IsKeyParameter(IParameterSymbol parameter) =>
        KeyForms.Of(parameter.Type) != KeyForm.CancellationToken && !HasNotCacheKey(parameter);

    /// <summary>
    /// The value a method produces: the <c>T</c> of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c>, the return type of
    /// any other non-void method, or <c>null</c> for <c>void</c>, <c>Task</c> and <c>ValueTask</c>.
    /// </summary>
    public ITypeSymbol? ResultType(IMethodSymbol method)
    {
        var returnType = method.ReturnType;
        if (method.ReturnsVoid || Is(returnType, Task) || Is(returnType, ValueTask))
        {
            return null;
        }

        if (returnType is INamedTypeSymbol { IsGenericType: true } named &&
            (Is(named.OriginalDefinition, TaskOfT) || Is(named.OriginalDefinition, ValueTaskOfT)))
        {
            return named.TypeArguments[0];
        }

        return returnType;
    }

    public bool IsAsyncEnumerable(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && Is(named.OriginalDefinition, AsyncEnumerableOfT);

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static AttributeData? FindOrInherited(IMethodSymbol method, INamedTypeSymbol attributeType)
    {
        if (Find(method, attributeType) is { } own)
        {
            return own;
        }

        foreach (var member in ServiceShape.InterfaceMembers(method))
        {
            if (Find(member, attributeType) is { } inherited)
            {
                return inherited;
            }
        }

        return null;
    }

    private static AttributeData? Find(ISymbol symbol, INamedTypeSymbol attributeType)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }
}
