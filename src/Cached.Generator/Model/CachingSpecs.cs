namespace Cached.Generator.Model;

/// <summary>A <c>[Cached]</c> method that passed every check: what its static <c>CachedMethod&lt;T&gt;</c> and body need.</summary>
/// <param name="DisplayName">For logs and metrics: <c>Namespace.Class.Method</c>.</param>
/// <param name="Key">How the method's key is built.</param>
/// <param name="TtlTicks">The parsed <c>Ttl</c>; <c>null</c> takes the configured default.</param>
/// <param name="JitterTicks">The parsed <c>Jitter</c>; <c>null</c> takes the configured default.</param>
/// <param name="Strategy">The numeric value of the attribute's <c>CacheStrategy</c>.</param>
/// <param name="Tags">The entry's tag templates, resolved against the parameters.</param>
/// <param name="Freshness">Stale window, negative caching, L1-only and distributed lock.</param>
/// <param name="CopyOnRead">Whether the result type is mutable, so that every caller gets its own copy.</param>
/// <param name="Copier">
/// With <paramref name="CopyOnRead"/>: the generated deep copy of the result type; <c>null</c> when the type's shape has
/// none, and the runtime copies through its serializer.
/// </param>
/// <param name="CancellationTokenParameter">
/// The parameter replaced by the factory's token when the inner method runs; <c>null</c> when there is none (or the
/// method is synchronous, which passes the caller's token through).
/// </param>
internal sealed record CachingSpec(
    string DisplayName,
    KeyBuilderSpec Key,
    long? TtlTicks,
    long? JitterTicks,
    int Strategy,
    EquatableArray<TemplateSpec> Tags,
    FreshnessSpec Freshness,
    bool CopyOnRead,
    CopierSpec? Copier,
    string? CancellationTokenParameter);

/// <summary>How a cached method's key is written: the static prefix then one segment per key value.</summary>
/// <param name="MethodName">The cached method's name, which names the eviction helper built from this spec.</param>
/// <param name="Prefix">The method's identity (with parameter types) and the hash of its result type's shape.</param>
/// <param name="Parameters">The parameters the segments read, as they appear in the cached method.</param>
/// <param name="BufferLength">The stack buffer's length: large enough for typical keys, the builder rents beyond it.</param>
internal sealed record KeyBuilderSpec(
    string MethodName,
    string Prefix,
    EquatableArray<KeyParameterSpec> Parameters,
    EquatableArray<KeySegmentSpec> Segments,
    int BufferLength);

/// <summary>A parameter that a key reads.</summary>
internal sealed record KeyParameterSpec(string Name, string Type);

/// <summary>One key segment: a C# expression over the parameters and the builder call its form takes.</summary>
/// <param name="Expression">
/// For example <c>id</c> or <c>query?.Category</c>; for a member of a composite, the member's name; for the element
/// of a collection, empty.
/// </param>
/// <param name="UnderlyingType">For an enum (or a nullable enum), the integer type it is written as.</param>
internal sealed record KeySegmentSpec(string Expression, KeyForm Form, string? UnderlyingType)
{
    /// <summary>A composite or collection value that may be <c>null</c> (a reference type or a <c>Nullable&lt;T&gt;</c>).</summary>
    public bool CanBeNull { get; init; }

    /// <summary>For <see cref="KeyForm.Composite"/>: the members, in declaration order.</summary>
    public EquatableArray<KeySegmentSpec> Members { get; init; } = EquatableArray<KeySegmentSpec>.Empty;

    /// <summary>For <see cref="KeyForm.Sequence"/> and <see cref="KeyForm.Set"/>: the elements' form.</summary>
    public KeySegmentSpec? Element { get; init; }
}

/// <summary>A tag template resolved to literal text and C# expressions.</summary>
internal sealed record TemplateSpec(EquatableArray<TemplatePartSpec> Parts);

/// <summary>Literal text, or (when <see cref="Expression"/> is set) a placeholder's C# expression.</summary>
internal sealed record TemplatePartSpec(string? Literal, string? Expression);

/// <summary>An <c>[InvalidatesCache]</c> method that passed every check.</summary>
/// <param name="Tags">Tag templates over the parameters and <c>result</c>.</param>
/// <param name="Evictions">The keys of the cached methods named in <c>Methods</c>.</param>
/// <param name="ResultVariable">The local holding the awaited return value, which <c>{result...}</c> expressions read.</param>
internal sealed record InvalidationSpec(
    EquatableArray<TemplateSpec> Tags,
    EquatableArray<EvictionSpec> Evictions,
    string ResultVariable)
{
    /// <summary>Set for a <c>[WriteBehind]</c> write: the call is journaled, and the write with these invalidations runs later.</summary>
    public WriteBehindSpec? WriteBehind { get; init; }
}

/// <summary>One key to remove: the decorator's key helper of the target and the write's arguments for it.</summary>
/// <param name="TargetPrefix">The target's key prefix, which identifies its helper in <see cref="DecoratorSpec.EvictionKeys"/>.</param>
/// <param name="WriteThrough">
/// The target is <c>CacheStrategy.WriteThrough</c> and this write returns its type: the result is stored, not evicted.
/// </param>
/// <param name="Tags">With <paramref name="WriteThrough"/>: the target's tag templates over this write's parameters.</param>
internal sealed record EvictionSpec(string TargetPrefix, bool WriteThrough, EquatableArray<string> Arguments, EquatableArray<TemplateSpec> Tags);
