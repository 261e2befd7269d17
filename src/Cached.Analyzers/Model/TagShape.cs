using System;
using System.Text;
using Cached.Analyzers.DataAccess;

namespace Cached.Analyzers.Model;

/// <summary>
/// The shape of a tag template: its literal text with each placeholder as a wildcard. Two tags can name the same
/// entries exactly when their shapes overlap (some string matches both): <c>"product:{id}"</c> overlaps
/// <c>"product:{productId}"</c> and <c>"product:{result.Id}"</c>, but not <c>"products"</c> or <c>"prodcut:{id}"</c>.
/// </summary>
/// <remarks>
/// A placeholder stands for one value, which by convention holds no <c>:</c> (the separator of tag segments): so
/// <c>"category:{c}"</c> does not overlap <c>"category:{c}:page:{p}"</c>, as invalidating the one does not evict the other.
/// </remarks>
internal static class TagShape
{
    private const char Wildcard = SqlTables.Hole;
    private const char Separator = ':';

    /// <summary>The shape of a template, or <c>null</c> when it is malformed (CACHE003 reports it).</summary>
    public static string? OfTemplate(string template)
    {
        if (!Template.TryParse(template, out var parts, out _))
        {
            return null;
        }

        var shape = new StringBuilder(template.Length);
        foreach (var part in parts)
        {
            shape.Append(part.IsPlaceholder ? Wildcard.ToString() : part.Literal);
        }

        return shape.ToString();
    }

    /// <summary>
    /// Whether some tag matches both shapes. Text computed in code is a shape as it is: <see cref="SqlTables.Hole"/>
    /// marks its non-constant parts.
    /// </summary>
    public static bool Overlap(string a, string b)
    {
        // memo[i, j]: null = unknown; shapes are short, so the table is tiny.
        var memo = new bool?[a.Length + 1, b.Length + 1];
        return Overlap(a, 0, b, 0, memo);
    }

    /// <summary>The edit distance between two shapes (a wildcard counts as one character), for "did you mean" suggestions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool Overlap(string a, int i, string b, int j, bool?[,] memo)
    {
        if (memo[i, j] is { } known)
        {
            return known;
        }

        bool result;
        if (i == a.Length && j == b.Length)
        {
            result = true;
        }
        else if (i < a.Length && a[i] == Wildcard)
        {
            // The wildcard of a matches nothing more, or swallows one more character (or wildcard) of b.
            result = Overlap(a, i + 1, b, j, memo) || (j < b.Length && b[j] != Separator && Overlap(a, i, b, j + 1, memo));
        }
        else if (j < b.Length && b[j] == Wildcard)
        {
            result = Overlap(a, i, b, j + 1, memo) || (i < a.Length && a[i] != Separator && Overlap(a, i + 1, b, j, memo));
        }
        else
        {
            result = i < a.Length && j < b.Length && a[i] == b[j] && Overlap(a, i + 1, b, j + 1, memo);
        }

        memo[i, j] = result;
        return result;
    }
}
