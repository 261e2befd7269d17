using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>The types the parser compares against, looked up once per transform.</summary>
internal sealed class KnownTypes
{
    private CopyableTypes? _copyable;

    private KnownTypes(Compilation compilation)
    {
        Compilation = compilation;
        Mutability = new Mutability(compilation);
        CachedAttribute = compilation.GetTypeByMetadataName("Cached.CachedAttribute");
        InvalidatesCacheAttribute = compilation.GetTypeByMetadataName("Cached.InvalidatesCacheAttribute");
        NotCacheKeyAttribute = compilation.GetTypeByMetadataName("Cached.NotCacheKeyAttribute");
        WriteBehindAttribute = compilation.GetTypeByMetadataName("Cached.WriteBehindAttribute");
        HybridCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Hybrid.HybridCache");
        CachedMethod = compilation.GetTypeByMetadataName("Cached.Generated.CachedMethod`1");
        CacheKeyBuilder = compilation.GetTypeByMetadataName("Cached.Generated.CacheKeyBuilder");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Disposable = compilation.GetTypeByMetadataName("System.IDisposable");
        AsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
    }

    public Compilation Compilation { get; }

    /// <summary>Tells mutable result types (copied on every read) from immutable ones (shared from L1).</summary>
    public Mutability Mutability { get; }

    /// <summary>The collections and serializer attributes a generated copy of a mutable result type depends on.</summary>
    public CopyableTypes Copyable => _copyable ??= new CopyableTypes(Compilation);

    public INamedTypeSymbol? CachedAttribute { get; }

    public INamedTypeSymbol? InvalidatesCacheAttribute { get; }

    public INamedTypeSymbol? NotCacheKeyAttribute { get; }

    /// <summary><c>null</c> with a runtime that predates write-behind: such methods are then simply not journaled.</summary>
    public INamedTypeSymbol? WriteBehindAttribute { get; }

    public INamedTypeSymbol? HybridCache { get; }

    public INamedTypeSymbol? CachedMethod { get; }

    public INamedTypeSymbol? CacheKeyBuilder { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? Disposable { get; }

    public INamedTypeSymbol? AsyncDisposable { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    /// <summary>The types a decorator needs; <c>null</c> when the compilation lacks one (nothing can be generated).</summary>
    public static KnownTypes? From(Compilation compilation)
    {
        var known = new KnownTypes(compilation);
        return known.CachedAttribute is null || known.InvalidatesCacheAttribute is null || known.HybridCache is null ||
               known.CachedMethod is null || known.CacheKeyBuilder is null ||
               known.Task is null || known.TaskOfT is null || known.ValueTask is null || known.ValueTaskOfT is null
            ? null
            : known;
    }

    public AttributeData? CachedOn(ISymbol symbol) => Find(symbol, CachedAttribute);

    public AttributeData? InvalidatesCacheOn(ISymbol symbol) => Find(symbol, InvalidatesCacheAttribute);

    public AttributeData? WriteBehindOn(ISymbol symbol) => WriteBehindAttribute is null ? null : Find(symbol, WriteBehindAttribute);

    /// <summary>A stream: caching the enumerable object would replay nothing.</summary>
    public bool IsAsyncEnumerable(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named &&
        SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, AsyncEnumerableOfT);

    public bool HasNotCacheKey(IParameterSymbol parameter) => Find(parameter, NotCacheKeyAttribute) is not null;

    internal static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
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
