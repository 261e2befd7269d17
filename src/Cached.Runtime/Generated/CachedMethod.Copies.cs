namespace Cached.Generated;

/// <summary>How a cached method whose result type is mutable hands each caller its own copy, set by generated code.</summary>
public sealed partial class CachedMethod<T>
{
    /// <summary>
    /// Whether the result type is mutable (decided at compile time by the rule of CACHE009): every caller then gets its
    /// own copy, and the instance in L1 is never handed out. Default <c>false</c>: every caller shares the instance.
    /// </summary>
    public bool CopyOnRead { get; init; }

    /// <summary>
    /// With <see cref="CopyOnRead"/>: the generated deep copy of the result type, used for every copy (hits, the callers
    /// of a miss, write-through). <c>null</c> when the generator could not write one for the type, and for a value it
    /// turns down (an object of a derived type): such copies are a round trip through the engine's serializer.
    /// </summary>
    public ResultCopier<T>? Copier { get; init; }
}
