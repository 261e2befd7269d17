namespace Cached;

/// <summary>
/// Marks a write: once the method returns successfully (never when it throws), the generated wrapper invalidates
/// the given tags and evicts the entries of the cached methods named in <see cref="Methods"/>.
/// </summary>
/// <remarks>
/// Tag templates take <c>{param}</c>, <c>{param.Member}</c> and <c>{result.Member}</c> placeholders. The parameters of
/// a method named in <see cref="Methods"/> are matched to this method's parameters by name and type at compile time.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class InvalidatesCacheAttribute : Attribute
{
    /// <summary>Invalidates the given tag templates after the write succeeds.</summary>
    /// <param name="tags">Tag templates, such as <c>"product:{id}"</c> or <c>"category:{result.Category}"</c>.</param>
    public InvalidatesCacheAttribute(params string[] tags) => Tags = tags ?? [];

    /// <summary>The tag templates invalidated after the write succeeds.</summary>
    public string[] Tags { get; }

    /// <summary>
    /// Cached methods of the same class whose entry for this call's arguments is evicted (or, for a
    /// <see cref="CacheStrategy.WriteThrough"/> method, replaced by the write's result). Use <c>nameof</c>.
    /// </summary>
    public string[] Methods { get; set; } = [];
}
