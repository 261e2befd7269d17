using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Writes the deep copies of a file's mutable result types: one method per type, each returning <c>false</c> (so that
/// the runtime copies through its serializer) when the value or an object it holds has a type derived from its own.
/// </summary>
internal static class CopierEmitter
{
    public const string ClassName = "ResultCopies";

    private const string MaybeNullWhenFalse = "[global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)]";

    /// <summary>The file's copy class, when one of <paramref name="methods"/> has a copier.</summary>
    public static void Write(SourceWriter writer, IEnumerable<MethodSpec> methods, DecoratorNames names)
    {
        var types = new List<CopyTypeSpec>();
        var written = new HashSet<string>();
        foreach (var type in methods.SelectMany(m => m.Caching?.Copier?.Types ?? EquatableArray<CopyTypeSpec>.Empty))
        {
            if (written.Add(type.Type))
            {
                types.Add(type);
            }
        }

        if (types.Count == 0)
        {
            return;
        }

        writer.Line();

        // A result type may keep obsolete members for old clients: the copy copies them all the same.
        writer.Line("#pragma warning disable CS0612, CS0618");
        writer.Line("/// <summary>Deep copies of the mutable results of this file's cached methods, one per caller of a method.</summary>");
        writer.Open("file static class " + ClassName);
        var first = true;
        foreach (var type in types)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            WriteMethod(writer, type, names);
        }

        writer.Close();
        writer.Line("#pragma warning restore CS0612, CS0618");
    }

    private static void WriteMethod(SourceWriter writer, CopyTypeSpec type, DecoratorNames names)
    {
        writer.Open("public static bool " + names.CopyMethod(type.Type) + "(" + type.Type + " value, " + MaybeNullWhenFalse + " out " + type.Type + " copy)");
        if (MayReturnEarly(type))
        {
            writer.Line("copy = default;");
        }

        if (type.ExactType is { } exactType)
        {
            writer.Open("if (value.GetType() != typeof(" + exactType + "))");
            writer.Line("return false;");
            writer.Close();
            writer.Line();
        }

        switch (type.Shape)
        {
            case CopyShape.Object:
                WriteObject(writer, type, names);
                break;
            case CopyShape.Nullable:
                writer.Open("if (value is not { } inner)");
                writer.Line("return true;");
                writer.Close();
                writer.Line();
                WriteValue(writer, type.Element!, "inner", "innerCopy", names);
                writer.Line("copy = innerCopy;");
                break;
            default:
                WriteCollection(writer, type, names);
                break;
        }

        writer.Line("return true;");
        writer.Close();
    }

    /// <summary>The copied members into locals first (any may turn the copy down), then one constructor call and initializer.</summary>
    private static void WriteObject(SourceWriter writer, CopyTypeSpec type, DecoratorNames names)
    {
        var values = new Dictionary<CopyMemberSpec, string>();
        var copied = 0;
        foreach (var member in type.Arguments.Concat(type.Members))
        {
            if (values.ContainsKey(member))
            {
                continue;
            }

            if (member.Value.CopiedBy is null)
            {
                values[member] = "value." + member.Name;
                continue;
            }

            var local = "member" + copied++;
            WriteValue(writer, member.Value, "value." + member.Name, local, names);
            values[member] = Copied(member.Value, local);
        }

        var creation = "copy = new " + type.Creates + (type.Arguments.IsEmpty && !type.Members.IsEmpty
            ? string.Empty
            : "(" + string.Join(", ", type.Arguments.Select(a => values[a])) + ")");
        if (type.Members.IsEmpty)
        {
            writer.Line(creation + ";");
            return;
        }

        writer.Line(creation);
        writer.Line("{");
        writer.Indent();
        foreach (var member in type.Members)
        {
            writer.Line(member.Name + " = " + values[member] + ",");
        }

        writer.Outdent();
        writer.Line("};");
    }

    private static void WriteCollection(SourceWriter writer, CopyTypeSpec type, DecoratorNames names)
    {
        var element = type.Element!;
        var comparer = type.FromConcrete && type.Shape is CopyShape.Dictionary or CopyShape.Set ? ", value.Comparer" : string.Empty;
        if (element.CopiedBy is null)
        {
            writer.Line(type.Shape == CopyShape.Array
                ? "var result = " + type.Creates + "value.Length" + type.CreatesSuffix + ";"
                : "copy = new " + type.Creates + "(value" + comparer + ");");
            if (type.Shape == CopyShape.Array)
            {
                writer.Line("global::System.Array.Copy(value, result, value.Length);");
                writer.Line("copy = result;");
            }

            return;
        }

        switch (type.Shape)
        {
            case CopyShape.Array:
                writer.Line("var result = " + type.Creates + "value.Length" + type.CreatesSuffix + ";");
                writer.Open("for (var i = 0; i < value.Length; i++)");
                WriteValue(writer, element, "value[i]", "item", names);
                writer.Line("result[i] = " + Copied(element, "item") + ";");
                break;
            case CopyShape.List when type.FromConcrete:
                writer.Line("var result = new " + type.Creates + "(value.Count);");
                writer.Open("for (var i = 0; i < value.Count; i++)");
                WriteValue(writer, element, "value[i]", "item", names);
                writer.Line("result.Add(" + Copied(element, "item") + ");");
                break;
            case CopyShape.List:
                writer.Line("var result = new " + type.Creates + "();");
                writer.Open("foreach (var element in value)");
                WriteValue(writer, element, "element", "item", names);
                writer.Line("result.Add(" + Copied(element, "item") + ");");
                break;
            default:
                writer.Line("var result = new " + type.Creates + "(" + (type.FromConcrete ? "value.Count" + comparer : string.Empty) + ");");
                writer.Open("foreach (var entry in value)");
                WriteValue(writer, element, "entry.Value", "item", names);
                writer.Line("result[entry.Key] = " + Copied(element, "item") + ";");
                break;
        }

        writer.Close();
        writer.Line();
        writer.Line("copy = result;");
    }

    /// <summary>
    /// Declares <paramref name="local"/>, the copy of <paramref name="source"/> (<c>null</c> stays <c>null</c>), and
    /// turns the whole copy down when the value's copy method does.
    /// </summary>
    private static void WriteValue(SourceWriter writer, CopyValueSpec value, string source, string local, DecoratorNames names)
    {
        var method = names.CopyMethod(value.CopiedBy!);
        if (value.IsReference)
        {
            writer.Line(value.CopiedBy + "? " + local + " = default;");
            writer.Open("if (" + source + " is { } " + local + "Value && !" + method + "(" + local + "Value, out " + local + "))");
        }
        else
        {
            writer.Open("if (!" + method + "(" + source + ", out var " + local + "))");
        }

        writer.Line("return false;");
        writer.Close();
        writer.Line();
    }

    /// <summary>Whether the method returns before the copy is made: it turns the value down, or copies a <c>null</c>.</summary>
    private static bool MayReturnEarly(CopyTypeSpec type) =>
        type.ExactType is not null || type.Shape == CopyShape.Nullable || type.Element?.CopiedBy is not null ||
        type.Arguments.Concat(type.Members).Any(m => m.Value.CopiedBy is not null);

    /// <summary>A copied value where the member or element is set: a <c>null</c> original gives <c>null</c>, as it is typed.</summary>
    private static string Copied(CopyValueSpec value, string local) => value.IsReference ? local + "!" : local;
}
