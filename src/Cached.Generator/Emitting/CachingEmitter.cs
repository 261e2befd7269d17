using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Writes a <c>[Cached]</c> method. The hit path builds the key on the stack and asks L1 with the span: no string,
/// no closure, no array, no boxing. Only a miss allocates the key string, the tags and the factory's state.
/// </summary>
internal static class CachingEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static void Write(SourceWriter writer, MethodSpec method, CachingSpec caching, DecoratorNames names, MethodHost host)
    {
        var parameterNames = ForwardingEmitter.Names(method.Parameters).ToList();
        var key = DecoratorNames.Local("key", parameterNames);
        var hit = DecoratorNames.Local("hit", parameterNames);
        var keyString = DecoratorNames.Local("keyString", parameterNames);
        var state = DecoratorNames.Local("state", parameterNames);
        var token = DecoratorNames.Local("cancellationToken", parameterNames);
        var cache = host.Cache(parameterNames);
        var field = names.Field(caching);

        host.WriteHeader(writer, method, isAsync: false);
        writer.Open();
        // No try/finally around the builder: the protected region would cost the hit path, and a pooled buffer lost to
        // an exception thrown while formatting an argument is only garbage for the GC.
        writer.Line("var " + key + " = new " + KeyEmitter.Builder + "(stackalloc char[" + caching.Key.BufferLength + "], " + field + ".KeyPrefix);");
        KeyEmitter.WriteSegments(writer, key, caching.Key.Segments, parameterNames);

        var fastPath = method.Shape == ReturnShape.TaskOfT ? "TryGetCompletedTask" : "TryGetValue";
        writer.Open("if (" + field + "." + fastPath + "(" + cache + ", " + key + ".Written, out var " + hit + "))");
        writer.Line(key + ".Dispose();");
        writer.Line("return " + (method.Shape == ReturnShape.ValueTaskOfT
            ? "new " + ValueTask + "<" + method.ResultType + ">(" + hit + ")"
            : hit) + ";");
        writer.Close();
        writer.Line();
        writer.Line("var " + keyString + " = " + key + ".ToString();");
        writer.Line(key + ".Dispose();");

        // The factory is a static lambda over a value-tuple state: no closure, and the delegate is cached by the compiler.
        var isAsync = method.Shape != ReturnShape.Value;
        var inner = host.Receiver(method, parameterNames);
        var carried = method.Parameters.Where(p => !(isAsync && p.Name == caching.CancellationTokenParameter)).ToList();
        var stateExpression = carried.Count == 0 ? inner : "(" + inner + ", " + string.Join(", ", carried.Select(p => p.Name)) + ")";
        var innerInState = carried.Count == 0 ? state : state + ".Item1";
        var arguments = method.Parameters.Select(p =>
            isAsync && p.Name == caching.CancellationTokenParameter
                ? token
                : ForwardingEmitter.CallRefKind(p.RefKind == "ref readonly " || p.RefKind == "in " ? p.RefKind : string.Empty) +
                  state + ".Item" + (carried.IndexOf(p) + 2));
        var call = innerInState + "." + host.Call(method, arguments);
        var factory = method.Shape switch
        {
            ReturnShape.TaskOfT => "static (" + state + ", " + token + ") => new " + ValueTask + "<" + method.ResultType + ">(" + call + ")",
            ReturnShape.ValueTaskOfT => "static (" + state + ", " + token + ") => " + call,
            _ => "static " + state + " => " + call,
        };

        writer.Line("return " + field + "." + (isAsync ? "GetOrCreateAsync(" : "GetOrCreate("));
        writer.Indent();
        writer.Line(cache + ",");
        writer.Line(keyString + ",");
        writer.Line(stateExpression + ",");
        writer.Line(factory + ",");
        if (isAsync)
        {
            writer.Line(Tags(caching.Tags) + ",");
            writer.Line((caching.CancellationTokenParameter ?? CSharp.CancellationTokenNone) +
                        (method.Shape == ReturnShape.TaskOfT ? ").AsTask();" : ");"));
        }
        else
        {
            writer.Line(Tags(caching.Tags) + ");");
        }

        writer.Outdent();
        writer.Close();
    }

    internal static string Tags(EquatableArray<TemplateSpec> tags) =>
        tags.IsEmpty ? "null" : "new string[] { " + string.Join(", ", tags.Select(CSharp.Tag)) + " }";
}
