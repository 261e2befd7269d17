// Compiled into the generator (to emit tag and key expressions) and the analyzers (to check placeholders), so that
// both read a template the same way. Keep it netstandard2.0-clean and free of Roslyn types.
using System.Collections.Generic;

namespace Cached;

/// <summary>One piece of a tag or key template: literal text, or a <c>{root.Member.Member}</c> placeholder.</summary>
internal readonly struct TemplatePart
{
    public TemplatePart(string literal, int start)
    {
        Literal = literal;
        Path = null;
        Start = start;
    }

    public TemplatePart(string[] path, int start)
    {
        Literal = null;
        Path = path;
        Start = start;
    }

    /// <summary>The literal text, or <c>null</c> for a placeholder.</summary>
    public string? Literal { get; }

    /// <summary>The placeholder's dotted path (<c>["result", "Category"]</c>), or <c>null</c> for literal text.</summary>
    public string[]? Path { get; }

    /// <summary>Offset of the part in the template; for a placeholder, of its <c>{</c>.</summary>
    public int Start { get; }

    public bool IsPlaceholder => Path is not null;
}

/// <summary>Splits tag and key templates such as <c>"category:{query.Category}"</c> into parts.</summary>
internal static class Template
{
    /// <summary>
    /// Parses <paramref name="template"/>. Returns <c>false</c>, with the offset of the fault, for an unclosed
    /// <c>{</c>, a stray <c>}</c>, or an empty or malformed path.
    /// </summary>
    public static bool TryParse(string template, out List<TemplatePart> parts, out int errorOffset)
    {
        parts = new List<TemplatePart>();
        errorOffset = -1;
        var literalStart = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                errorOffset = i;
                return false;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            if (i > literalStart)
            {
                parts.Add(new TemplatePart(template.Substring(literalStart, i - literalStart), literalStart));
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                errorOffset = i;
                return false;
            }

            var path = template.Substring(i + 1, close - i - 1).Split('.');
            foreach (var segment in path)
            {
                if (!IsIdentifier(segment))
                {
                    errorOffset = i;
                    return false;
                }
            }

            parts.Add(new TemplatePart(path, i));
            i = close + 1;
            literalStart = i;
        }

        if (literalStart < template.Length)
        {
            parts.Add(new TemplatePart(template.Substring(literalStart), literalStart));
        }

        return true;
    }

    private static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
