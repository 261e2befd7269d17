using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Writes a <c>[WriteBehind]</c> write: a static <c>WriteBehindMethod</c> with a record of the journaled arguments, the
/// interface method (which journals the call), and a private method holding the write and its invalidations, which
/// the flusher reaches through the service resolved from DI (the runtime then runs it instead of journaling again).
/// </summary>
internal static class WriteBehindEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    /// <summary>The journaled parameters: all but the cancellation token.</summary>
    private static IEnumerable<ParameterSpec> Journaled(MethodSpec method, WriteBehindSpec spec) =>
        method.Parameters.Where(p => p.Name != spec.CancellationTokenParameter);

    public static void WriteField(SourceWriter writer, DecoratorSpec decorator, MethodSpec method, WriteBehindSpec spec, DecoratorNames names)
    {
        var arguments = names.WriteBehindArguments(method);
        writer.Line("/// <summary>The journaled arguments of <c>" + method.Name + "</c>.</summary>");
        writer.Line("internal sealed record " + arguments + "(" +
                    string.Join(", ", Journaled(method, spec).Select(p => p.Type + " " + p.Name)) + ");");
        writer.Line();

        var service = "((" + method.InterfaceType + ")(services.GetService(typeof(" + decorator.ServiceType + ")) ?? throw new global::System.InvalidOperationException(" +
                      CSharp.Literal(decorator.ServiceType.Replace("global::", string.Empty) + " is not registered: the write-behind flusher cannot execute a journaled call.") + ")))";
        var call = service + "." + method.Name + "(" + string.Join(", ", method.Parameters.Select(p =>
            p.Name == spec.CancellationTokenParameter ? "cancellationToken" : "arguments." + p.Name)) + ")";
        var execute = method.Shape switch
        {
            ReturnShape.ValueTask => call,
            ReturnShape.Task => "new " + ValueTask + "(" + call + ")",
            _ => "{ " + call + "; return default; }",
        };

        writer.Line("internal static readonly global::Cached.Generated.WriteBehindMethod<" + arguments + "> " + names.WriteBehindField(method) + " = new(");
        writer.Indent();
        writer.Line(CSharp.Literal(spec.OperationName) + ",");
        writer.Line("static (services, arguments, cancellationToken) => " + execute + ");");
        writer.Outdent();
        writer.Line();
    }

    public static void Write(SourceWriter writer, MethodSpec method, InvalidationSpec invalidation, WriteBehindSpec spec, DecoratorNames names)
    {
        var parameterNames = ForwardingEmitter.Names(method.Parameters).ToList();
        var cache = DecoratorNames.Member("_cache", parameterNames);
        var run = names.WriteBehindRun(method);
        var token = spec.CancellationTokenParameter ?? CSharp.CancellationTokenNone;
        var journaled = "new " + names.WriteBehindArguments(method) + "(" + string.Join(", ", Journaled(method, spec).Select(p => p.Name)) + ")";
        var forwarded = string.Join(", ", method.Parameters.Select(p =>
            p.Name == spec.CancellationTokenParameter ? "cancellationToken" : "arguments." + p.Name));
        var invoke = names.WriteBehindField(method) + ".InvokeAsync(" + cache + ", " + journaled +
                     ", this, static (self, arguments, cancellationToken) => self." + run + "(" + forwarded + "), " + token + ")";

        ForwardingEmitter.WriteHeader(writer, method, isAsync: false);
        writer.Open();
        writer.Line(method.Shape switch
        {
            ReturnShape.ValueTask => "return " + invoke + ";",
            ReturnShape.Task => "return " + invoke + ".AsTask();",
            _ => invoke + ".AsTask().GetAwaiter().GetResult();",
        });
        writer.Close();

        writer.Line();
        writer.Line("/// <summary>The write and its invalidations: run by the flusher (or inline without a journal).</summary>");
        var awaits = method.Shape.IsAsyncShape() || !invalidation.Tags.IsEmpty || !invalidation.Evictions.IsEmpty;
        writer.Open("private " + (awaits ? "async " : string.Empty) + ValueTask + " " + run + "(" + ForwardingEmitter.Parameters(method.Parameters) + ")");
        InvalidationEmitter.WriteBody(writer, method, invalidation, names, DecoratorHost.Instance, awaitsEvictions: true);
        if (!awaits)
        {
            writer.Line("return default;");
        }

        writer.Close();
    }
}
