using System.Globalization;
using System.Text;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Small pieces of C# text shared by the emitters.</summary>
internal static class CSharp
{
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Cached.Generator\", \"0.1.0\")]";
    public const string CancellationTokenNone = "global::System.Threading.CancellationToken.None";
    public const string HybridCache = "global::Microsoft.Extensions.Caching.Hybrid.HybridCache";

    /// <summary>A string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            AppendEscaped(builder, c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A tag's value: a literal for a template without placeholders, else an invariant-culture interpolation (a
    /// number or a date in a tag must not depend on the server's culture).
    /// </summary>
    public static string Tag(TemplateSpec template)
    {
        var literal = new StringBuilder();
        var interpolated = false;
        foreach (var part in template.Parts)
        {
            interpolated |= part.Expression is not null;
        }

        if (!interpolated)
        {
            foreach (var part in template.Parts)
            {
                literal.Append(part.Literal);
            }

            return Literal(literal.ToString());
        }

        var text = new StringBuilder("global::System.String.Create(global::System.Globalization.CultureInfo.InvariantCulture, $\"");
        foreach (var part in template.Parts)
        {
            if (part.Expression is not null)
            {
                text.Append('{').Append(part.Expression).Append('}');
                continue;
            }

            foreach (var c in part.Literal!)
            {
                if (c is '{' or '}')
                {
                    text.Append(c);
                }

                AppendEscaped(text, c);
            }
        }

        return text.Append("\")").ToString();
    }

    public static string Ticks(long ticks) =>
        "global::System.TimeSpan.FromTicks(" + ticks.ToString(CultureInfo.InvariantCulture) + ")";

    public static string Strategy(int value) => value switch
    {
        0 => "global::Cached.CacheStrategy.CacheAside",
        1 => "global::Cached.CacheStrategy.WriteThrough",
        2 => "global::Cached.CacheStrategy.RefreshAhead",
        _ => "(global::Cached.CacheStrategy)" + value.ToString(CultureInfo.InvariantCulture),
    };

    private static void AppendEscaped(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '"': builder.Append("\\\""); break;
            case '\\': builder.Append("\\\\"); break;
            case '\n': builder.Append("\\n"); break;
            case '\r': builder.Append("\\r"); break;
            case '\t': builder.Append("\\t"); break;
            case '\0': builder.Append("\\0"); break;
            default:
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }

                break;
        }
    }
}
