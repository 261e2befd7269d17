using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Cached;

/// <summary>
/// Whether Cached's <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> and the engine's own API hand values of
/// type <typeparamref name="T"/> out as stored, or a copy per caller. The rule is Microsoft's <c>HybridCache</c>'s, so
/// that code written against <c>HybridCache</c> behaves the same on either: strings and value types without references are
/// shared (a value type is copied by the language anyway), as are sealed types and structs marked
/// <c>[ImmutableObject(true)]</c>; anything else may be changed by whoever holds it, so every caller gets its own copy.
/// </summary>
/// <remarks>
/// Generated methods do not use this rule: the generator decides at compile time (the rule of CACHE009, which also
/// knows records with init-only members and read-only collections) and writes a faster copy.
/// </remarks>
internal static class SharedValues<T>
{
    /// <summary>Whether values of <typeparamref name="T"/> are handed out without a copy.</summary>
    public static readonly bool AreShared = Decide();

    private static bool Decide()
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (type == typeof(string) || (type.IsValueType && !RuntimeHelpers.IsReferenceOrContainsReferences<T>()))
        {
            return true;
        }

        return (type.IsValueType || type.IsSealed) && type.GetCustomAttribute<ImmutableObjectAttribute>() is { Immutable: true };
    }
}
