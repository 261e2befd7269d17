using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Signatures of explicit implementations, and the members that simply forward to the inner instance.</summary>
internal static class ForwardingEmitter
{
    public static void WriteMethod(SourceWriter writer, MethodSpec method)
    {
        var call = Inner(method.IsInherited, method.InterfaceType, Names(method.Parameters)) + "." + Call(method);
        var body = method.ReturnRefKind.Length > 0 ? "ref " + call : call;
        if (method.TypeParameters.IsEmpty)
        {
            WriteReturnAttributes(writer, method);
            writer.Line(Signature(method, isAsync: false) + " => " + body + ";");
            return;
        }

        WriteHeader(writer, method, isAsync: false);
        writer.Indent().Line("=> " + body + ";").Outdent();
    }

    public static void WriteProperty(SourceWriter writer, PropertySpec property)
    {
        var inner = Inner(property.IsInherited, property.InterfaceType, Names(property.Parameters));
        var access = property.Name == "this"
            ? inner + "[" + Arguments(property.Parameters) + "]"
            : inner + "." + property.Name;
        var name = property.Name == "this"
            ? property.InterfaceType + ".this[" + Parameters(property.Parameters) + "]"
            : property.InterfaceType + "." + property.Name;

        foreach (var attribute in property.Attributes)
        {
            writer.Line("[" + attribute + "]");
        }

        if (property.RefKind.Length > 0)
        {
            writer.Line(property.RefKind + property.Type + " " + name + " => ref " + access + ";");
            return;
        }

        writer.Open(property.Type + " " + name);
        if (property.HasGetter)
        {
            writer.Line("get => " + access + ";");
        }

        if (property.HasSetter)
        {
            // An init accessor can only run in the inner instance's own initializer, never through a wrapper.
            writer.Line(property.SetterIsInit
                ? "init => throw new global::System.NotSupportedException(\"An init-only property cannot be set through a caching decorator.\");"
                : "set => " + access + " = value;");
        }

        writer.Close();
    }

    public static void WriteEvent(SourceWriter writer, EventSpec @event)
    {
        var access = Inner(@event.IsInherited, @event.InterfaceType, []) + "." + @event.Name;
        writer.Open("event " + @event.Type + " " + @event.InterfaceType + "." + @event.Name);
        writer.Line("add => " + access + " += value;");
        writer.Line("remove => " + access + " -= value;");
        writer.Close();
    }

    /// <summary>The attributes, signature and constraints of an explicit implementation, without a body.</summary>
    public static void WriteHeader(SourceWriter writer, MethodSpec method, bool isAsync)
    {
        WriteReturnAttributes(writer, method);
        writer.Line(Signature(method, isAsync));
        writer.Indent();
        foreach (var typeParameter in method.TypeParameters)
        {
            writer.Line("where " + typeParameter.Name + " : " + typeParameter.Constraint);
        }

        writer.Outdent();
    }

    /// <summary>The inner instance as the member's declaring interface (cast only for a base interface's member).</summary>
    public static string Inner(bool isInherited, string interfaceType, IEnumerable<string> parameterNames)
    {
        var inner = DecoratorNames.Member("_inner", parameterNames);
        return isInherited ? "((" + interfaceType + ")" + inner + ")" : inner;
    }

    /// <summary><c>Name&lt;T&gt;(arguments)</c>: the method called with the decorator's own parameters.</summary>
    public static string Call(MethodSpec method) => Call(method, method.Parameters.Select(p => CallRefKind(p.RefKind) + p.Name));

    /// <summary><c>Name&lt;T&gt;(arguments)</c> with the given argument expressions.</summary>
    public static string Call(MethodSpec method, IEnumerable<string> arguments)
    {
        var typeArguments = method.TypeParameters.IsEmpty
            ? string.Empty
            : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
        return method.Name + typeArguments + "(" + string.Join(", ", arguments) + ")";
    }

    public static IEnumerable<string> Names(EquatableArray<ParameterSpec> parameters) => parameters.Select(p => p.Name);

    /// <summary>The modifier an argument takes for a parameter declared with <paramref name="refKind"/>.</summary>
    public static string CallRefKind(string refKind) => refKind == "ref readonly " ? "in " : refKind;

    private static string Signature(MethodSpec method, bool isAsync)
    {
        var typeParameters = method.TypeParameters.IsEmpty
            ? string.Empty
            : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
        return (isAsync ? "async " : string.Empty) + method.ReturnRefKind + method.ReturnType + " " +
               method.InterfaceType + "." + method.Name + typeParameters + "(" + Parameters(method.Parameters) + ")";
    }

    private static void WriteReturnAttributes(SourceWriter writer, MethodSpec method)
    {
        foreach (var attribute in method.ReturnAttributes)
        {
            writer.Line("[return: " + attribute + "]");
        }
    }

    /// <summary>
    /// Parameters as an explicit implementation declares them: without default values, which would have no effect
    /// there (CS1066).
    /// </summary>
    internal static string Parameters(EquatableArray<ParameterSpec> parameters) => string.Join(", ", parameters.Select(p =>
        string.Concat(p.Attributes.Select(a => "[" + a + "] ")) + (p.IsParams ? "params " : string.Empty) + p.RefKind + p.Type + " " + p.Name));

    private static string Arguments(EquatableArray<ParameterSpec> parameters) =>
        string.Join(", ", parameters.Select(p => CallRefKind(p.RefKind) + p.Name));
}
