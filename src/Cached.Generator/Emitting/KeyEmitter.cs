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
            var cast = segment.UnderlyingType is null ? string.Empty : "(" + segment.UnderlyingType + ")";
            switch (segment.Form)
            {
                case KeyForm.NullableFormattable:
                    writer.Line(key + ".AppendNullable(" + segment.Expression + ");");
                    break;
                case KeyForm.NullableOther:
                    var part = DecoratorNames.Local("part", reserved);
                    reserved.Add(part);
                    writer.Open("if (" + segment.Expression + " is { } " + part + ")");
                    writer.Line(key + ".Append(" + cast + part + ");");
                    writer.Close();
                    writer.Open("else");
                    writer.Line(key + ".AppendNull();");
                    writer.Close();
                    writer.Line();
                    break;
                default:
                    // Enums are written as their underlying integer, so renaming a member keeps its keys.
                    writer.Line(key + ".Append(" + cast + segment.Expression + ");");
                    break;
            }
        }
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
