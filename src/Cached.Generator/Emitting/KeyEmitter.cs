using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Writes the <c>CacheKeyBuilder</c> calls of a key, and the static helpers that rebuild a key for eviction.</summary>
internal static class KeyEmitter
{
    public const string Builder = "global::Cached.Generated.CacheKeyBuilder";

    /// <summary>One <c>Append*</c> call per segment, by the segment's <see cref="KeyForm"/>.</summary>
    public static void WriteSegments(SourceWriter writer, string key, EquatableArray<KeySegmentSpec> segments, IEnumerable<string> parameterNames)
    {
        var reserved = parameterNames.Concat(new[] { key }).ToList();
        foreach (var segment in segments)
        {
            WriteValue(writer, key, segment.Expression, segment, reserved, spaced: true);
        }
    }

    /// <param name="spaced">A blank line follows a block: at the top level, where more statements follow it.</param>
    private static void WriteValue(SourceWriter writer, string key, string expression, KeySegmentSpec segment, List<string> reserved, bool spaced)
    {
        var cast = segment.UnderlyingType is null ? string.Empty : "(" + segment.UnderlyingType + ")";
        switch (segment.Form)
        {
            case KeyForm.NullableFormattable:
                writer.Line(key + ".AppendNullable(" + expression + ");");
                break;
            case KeyForm.NullableOther:
                var part = Reserve("part", reserved);
                writer.Open("if (" + expression + " is { } " + part + ")");
                writer.Line(key + ".Append(" + cast + part + ");");
                writer.Close();
                writer.Open("else");
                writer.Line(key + ".AppendNull();");
                writer.Close();
                if (spaced)
                {
                    writer.Line();
                }

                break;
            case KeyForm.Composite or KeyForm.Sequence or KeyForm.Set:
                WriteGroup(writer, key, expression, segment, reserved);
                if (spaced)
                {
                    writer.Line();
                }

                break;
            default:
                // Enums are written as their underlying integer, so renaming a member keeps its keys.
                writer.Line(key + ".Append(" + cast + expression + ");");
                break;
        }
    }

    /// <summary>
    /// A record, struct or collection: its members' or elements' forms between <c>BeginGroup()</c> and
    /// <c>EndGroup()</c>, which no escaped value can produce, so nesting keeps keys unambiguous.
    /// </summary>
    private static void WriteGroup(SourceWriter writer, string key, string expression, KeySegmentSpec segment, List<string> reserved)
    {
        var value = Reserve("value", reserved);
        writer.Open(segment.CanBeNull ? "if (" + expression + " is { } " + value + ")" : null);
        if (!segment.CanBeNull)
        {
            writer.Line("var " + value + " = " + expression + ";");
        }

        switch (segment.Form)
        {
            case KeyForm.Composite:
                writer.Line(key + ".BeginGroup();");
                foreach (var member in segment.Members)
                {
                    WriteValue(writer, key, value + "." + member.Expression, member, reserved, spaced: false);
                }

                writer.Line(key + ".EndGroup();");
                break;
            case KeyForm.Sequence:
                var item = Reserve("item", reserved);
                writer.Line(key + ".BeginGroup();");
                writer.Open("foreach (var " + item + " in " + value + ")");
                WriteValue(writer, key, item, segment.Element!, reserved, spaced: false);
                writer.Close();
                writer.Line(key + ".EndGroup();");
                break;
            default:
                // A set's iteration order means nothing: each element is keyed on its own, and the forms are sorted.
                var elements = Reserve("elements", reserved);
                var setItem = Reserve("item", reserved);
                var element = Reserve("element", reserved);
                writer.Line("var " + elements + " = new global::System.Collections.Generic.List<string>();");
                writer.Open("foreach (var " + setItem + " in " + value + ")");
                writer.Line("var " + element + " = " + Builder + ".ForElement();");
                writer.Open("try");
                WriteValue(writer, element, setItem, segment.Element!, reserved, spaced: false);
                writer.Line(elements + ".Add(" + element + ".ToString());");
                writer.Close();
                writer.Open("finally");
                writer.Line(element + ".Dispose();");
                writer.Close();
                writer.Close();
                writer.Line();
                writer.Line(key + ".AppendSortedGroup(" + elements + ");");
                break;
        }

        writer.Close();
        if (segment.CanBeNull)
        {
            writer.Open("else");
            writer.Line(key + ".AppendNull();");
            writer.Close();
        }
    }

    private static string Reserve(string name, List<string> reserved)
    {
        var local = DecoratorNames.Local(name, reserved);
        reserved.Add(local);
        return local;
    }

    /// <summary>A static helper returning the key of a cached method, which a write evicts with its own arguments.</summary>
    public static void WriteHelper(SourceWriter writer, KeyBuilderSpec spec, DecoratorNames names)
    {
        var parameterNames = spec.Parameters.Select(p => p.Name).ToList();
        var key = DecoratorNames.Local("key", parameterNames);
        var prefix = names.FieldOf(spec.Prefix) is { } field ? field + ".KeyPrefix" : CSharp.Literal(spec.Prefix);
        var parameters = string.Join(", ", spec.Parameters.Select(p => p.Type + " " + p.Name));

        writer.Line("/// <summary>The key of <c>" + spec.MethodName + "</c> for these arguments, built as the cached method builds it.</summary>");
        writer.Open("private static string " + names.Helper(spec.Prefix) + "(" + parameters + ")");
        writer.Line("var " + key + " = new " + Builder + "(stackalloc char[" + spec.BufferLength + "], " + prefix + ");");
        writer.Open("try");
        WriteSegments(writer, key, spec.Segments, parameterNames);
        writer.Line("return " + key + ".ToString();");
        writer.Close();
        writer.Open("finally");
        writer.Line(key + ".Dispose();");
        writer.Close();
        writer.Close();
    }
}
