namespace Cached.Serialization;

/// <summary>
/// A stable 64-bit hash of a result type's name (FNV-1a over <see cref="Type.ToString"/>, which leaves out assembly
/// versions), written into every payload so that a payload is never read as another type. The generated key prefix
/// also carries a hash of the type's shape; this one guards hand-written keys too.
/// </summary>
internal static class TypeIdentity<T>
{
    public static readonly ulong Hash = Fnv1a(typeof(T).ToString());

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
