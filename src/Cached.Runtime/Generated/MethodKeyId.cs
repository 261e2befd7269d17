using System.Collections.Concurrent;

namespace Cached.Generated;

/// <summary>
/// The short form of a method's key prefix. The generated prefix names the method in full
/// (<c>Namespace.Class.Method(paramtypes)#shapehash</c>, often 80 characters or more), and every L1 hit hashes and
/// compares the whole key; keys start instead with <c>~</c> and 11 characters of a 64-bit FNV-1a hash of that prefix,
/// the same on every node and in every process, so a hit hashes about 15 characters plus the arguments.
/// </summary>
/// <remarks>
/// Two methods share keys only if their full prefixes collide in 64 bits; even then the L1 entry's type and the L2
/// payload's type hash keep a value from being read as another type. The display name in logs and metrics is the
/// method's own name, not this id.
/// </remarks>
internal static class MethodKeyId
{
    /// <summary>The first character of every short prefix; no generated prefix (a type name) starts with it.</summary>
    public const char Marker = '~';

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Prefixes written into the code as literals (a write evicting a method whose policy field it cannot see): each
    // is shortened once, then found here.
    private static readonly ConcurrentDictionary<string, string> s_shortened = new(StringComparer.Ordinal);

    /// <summary>The short form of <paramref name="prefix"/>; a short form is returned as is.</summary>
    public static string Of(string prefix)
    {
        if (prefix.Length > 0 && prefix[0] == Marker)
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

        return string.Create(12, hash, static (chars, value) =>
        {
            chars[0] = Marker;
            for (var i = 1; i < chars.Length; i++)
            {
                chars[i] = Alphabet[(int)(value & 63)];
                value >>= 6;
            }
        });
    }
}
