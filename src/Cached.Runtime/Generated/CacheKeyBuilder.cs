using System.Buffers;
using System.ComponentModel;
using System.Globalization;

namespace Cached.Generated;

/// <summary>
/// Builds a cache key in a caller-supplied buffer, so that a key can be looked up in L1 without allocating a string.
/// For generated code; not a stable API.
/// </summary>
/// <remarks>
/// A key is the short form of the method's prefix (see <see cref="CachedMethod{T}.KeyPrefix"/>) followed by one segment
/// per argument, each introduced by <c>|</c>. Strings escape
/// <c>|</c> and <c>\</c> with a backslash and <c>null</c> is written <c>\0</c>, which no escaped string can produce. A
/// record, struct or collection is a group: <c>|\[</c>, its members' or elements' segments, then <c>|\]</c>, markers no
/// escaped value can produce either, so the segments of a key read back unambiguously as a tree and two different
/// argument lists of one method never share a key. Values are formatted with the invariant culture, and
/// dates and floating-point numbers in their round-trip forms.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct CacheKeyBuilder
{
    private const char Separator = '|';
    private const char Escape = '\\';
    private static readonly SearchValues<char> s_mustEscape = SearchValues.Create([Separator, Escape]);

    private Span<char> _buffer;
    private char[]? _rented;
    private int _length;

    /// <summary>
    /// Starts a key with the short form of <paramref name="prefix"/> (the method's identity): written as is when it is
    /// already short (<see cref="CachedMethod{T}.KeyPrefix"/>), else shortened the same way.
    /// </summary>
    public CacheKeyBuilder(Span<char> initialBuffer, string prefix)
    {
        _buffer = initialBuffer;
        _rented = null;
        _length = 0;
        AppendRaw(MethodKeyId.Of(prefix));
    }

    /// <summary>A builder for one element of a set, whose forms are sorted before they enter the key.</summary>
    public static CacheKeyBuilder ForElement() => new(default, string.Empty);

    /// <summary>The key written so far.</summary>
    public readonly ReadOnlySpan<char> Written => _buffer[.._length];

    /// <summary>Appends a string argument, escaped; <c>null</c> differs from <c>""</c>.</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        AppendSeparator();
        AppendEscaped(value);
    }

    /// <summary>Appends a <see cref="bool"/> argument as <c>1</c> or <c>0</c>.</summary>
    public void Append(bool value)
    {
        AppendSeparator();
        AppendChar(value ? '1' : '0');
    }

    /// <summary>Appends a <see cref="char"/> argument, escaped.</summary>
    public void Append(char value)
    {
        AppendSeparator();
        AppendEscaped([value]);
    }

    /// <summary>Appends a formattable argument in its invariant (for dates and floating point, round-trip) form.</summary>
    public void Append<T>(T value)
        where T : ISpanFormattable
    {
        AppendSeparator();
        var format = RoundTripFormat<T>();
        if (HasNoSpecialChars<T>() && value.TryFormat(_buffer[_length..], out var direct, format, CultureInfo.InvariantCulture))
        {
            _length += direct;
            return;
        }

        Span<char> scratch = stackalloc char[64];
        if (value.TryFormat(scratch, out var written, format, CultureInfo.InvariantCulture))
        {
            AppendEscaped(scratch[..written]);
        }
        else
        {
            AppendEscaped(value.ToString(format.IsEmpty ? null : format.ToString(), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Appends a nullable formattable argument; <c>null</c> is written <c>\0</c>.</summary>
    public void AppendNullable<T>(T? value)
        where T : struct, ISpanFormattable
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends a <c>null</c> argument.</summary>
    public void AppendNull()
    {
        AppendSeparator();
        AppendRaw("\\0");
    }

    /// <summary>Opens the group of a record, struct or collection argument (or of a member or element of one).</summary>
    public void BeginGroup()
    {
        AppendSeparator();
        AppendRaw("\\[");
    }

    /// <summary>Closes the group opened by the last unclosed <see cref="BeginGroup"/>.</summary>
    public void EndGroup()
    {
        AppendSeparator();
        AppendRaw("\\]");
    }

    /// <summary>
    /// Appends a set as a group of its elements' forms (each written by a <see cref="ForElement"/> builder), in ordinal
    /// order, so that two sets with the same elements share a key whatever their iteration order.
    /// </summary>
    public void AppendSortedGroup(List<string> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        elements.Sort(StringComparer.Ordinal);
        BeginGroup();
        foreach (var element in elements)
        {
            AppendRaw(element);
        }

        EndGroup();
    }

    /// <summary>The key as a string: allocated once, on the miss path.</summary>
    public override readonly string ToString() => Written.ToString();

    /// <summary>Returns the pooled buffer, if the key outgrew the initial one.</summary>
    public void Dispose()
    {
        var rented = _rented;
        if (rented is not null)
        {
            _rented = null;
            _buffer = default;
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<char> RoundTripFormat<T>()
    {
        // typeof(T) tests on value types are folded by the JIT: each instantiation keeps one branch.
        if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTimeOffset) ||
            typeof(T) == typeof(DateOnly) || typeof(T) == typeof(TimeOnly))
        {
            return "O";
        }

        if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half))
        {
            return "R";
        }

        if (typeof(T) == typeof(TimeSpan))
        {
            return "c";
        }

        return default;
    }

    /// <summary>
    /// Whether every invariant form of <typeparamref name="T"/> is free of <c>|</c> and <c>\</c>: numbers, dates, times
    /// and GUIDs are then formatted straight into the key, without the escaping pass (the common key of a hit).
    /// </summary>
    private static bool HasNoSpecialChars<T>()
        => typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(byte)
           || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(ushort) || typeof(T) == typeof(sbyte)
           || typeof(T) == typeof(Int128) || typeof(T) == typeof(UInt128) || typeof(T) == typeof(decimal)
           || typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half) || typeof(T) == typeof(Guid)
           || typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateOnly)
           || typeof(T) == typeof(TimeOnly) || typeof(T) == typeof(TimeSpan);

    private void AppendSeparator() => AppendChar(Separator);

    private void AppendEscaped(scoped ReadOnlySpan<char> value)
    {
        while (true)
        {
            var special = value.IndexOfAny(s_mustEscape);
            if (special < 0)
            {
                AppendRaw(value);
                return;
            }

            AppendRaw(value[..special]);
            AppendChar(Escape);
            AppendChar(value[special]);
            value = value[(special + 1)..];
        }
    }

    private void AppendChar(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    private void AppendRaw(scoped ReadOnlySpan<char> value)
    {
        if (_length + value.Length > _buffer.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_buffer[_length..]);
        _length += value.Length;
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer[.._length].CopyTo(next);
        var previous = _rented;
        _buffer = _rented = next;
        if (previous is not null)
        {
            ArrayPool<char>.Shared.Return(previous);
        }
    }
}
