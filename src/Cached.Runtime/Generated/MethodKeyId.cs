using System.Collections.Concurrent;

namespace Cached.Generated;

/// <summary>
/// The short form of a method's key prefix. The generated prefix names the method in full
/// (<c>Namespace.Class.Method(paramtypes)#shapehash</c>, often 80 characters or more), and every L1 hit hashes and
/// compares the whole key; keys start instead with the method's simple name, <c>~</c>, and 11 characters of a 64-bit
/// FNV-1a hash of the full prefix (<c>GetProductAsync~x3F...</c>): the same on every node and in every process, short to
/// hash, and still telling an operator which method a Redis key belongs to.
/// </summary>
/// <remarks>
/// Two methods share keys only if their full prefixes collide in 64 bits; even then the L1 entry's type and the L2
/// payload's type hash keep a value from being read as another type.
/// </remarks>
internal static class MethodKeyId
{
    /// <summary>Separates the method's name from the hash; no generated prefix (type and method names) contains it.</summary>
    public const char Marker = '~';

    private const int HashLength = 11;
    private const int MaxNameLength = 40;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Prefixes written into the code as literals (a write evicting a method whose policy field it cannot see): each
    // is shortened once, then found here.
    private static readonly ConcurrentDictionary<string, string> s_shortened = new(StringComparer.Ordinal);

    /// <summary>The short form of <paramref name="prefix"/>; a short form is returned as is.</summary>
    public static string Of(string prefix)
    {
        if (prefix.Length > HashLength && prefix[^(HashLength + 1)] == Marker)
        {
            return prefix;
        }

        return s_shortened.GetOrAdd(prefix, Shorten);
    }

    private static string Shorten(string prefix)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in prefix)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Namespace.Class.Method(paramtypes)#shape -> Method
        var name = prefix.AsSpan();
        var open = name.IndexOf('(');
        if (open >= 0)
        {
            name = name[..open];
        }

        name = name[(name.LastIndexOf('.') + 1)..];
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength];
        }

        Span<char> id = stackalloc char[name.Length + 1 + HashLength];
        name.CopyTo(id);
        id[name.Length] = Marker;
        for (var i = name.Length + 1; i < id.Length; i++)
        {
            id[i] = Alphabet[(int)(hash & 63)];
            hash >>= 6;
        }

        return id.ToString();
    }
}
