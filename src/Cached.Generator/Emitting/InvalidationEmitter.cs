using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Writes an <c>[InvalidatesCache]</c> method: the write runs first and the eviction only once it has returned (a
/// write that throws evicts nothing). The eviction ignores the caller's token: a caller cancelling after the write
/// succeeded must not leave stale entries behind.
/// </summary>
internal static class InvalidationEmitter
{
    public static void Write(SourceWriter writer, MethodSpec method, InvalidationSpec invalidation, DecoratorNames names, MethodHost host)
    {
        var parameterNames = ForwardingEmitter.Names(method.Parameters).ToList();
        var cache = host.Cache(parameterNames);
        var isAsync = method.Shape.IsAsyncShape();
        var hasResult = method.Shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT or ReturnShape.Value;
        var call = host.Receiver(method, parameterNames) + "." + host.Call(method, method.Parameters.Select(p => ForwardingEmitter.CallRefKind(p.RefKind) + p.Name));
        if (isAsync)
        {
            call = "await " + call + ".ConfigureAwait(false)";
        }

        host.WriteHeader(writer, method, isAsync);
        writer.Open();
        writer.Line((hasResult ? "var " + invalidation.ResultVariable + " = " : string.Empty) + call + ";");

        foreach (var eviction in Evictions(invalidation, cache, names))
        {
            var lines = eviction.Split('\n');
            lines[0] = (isAsync ? "await " : DecoratorEmitter.SynchronousEviction + ".Wait(") + lines[0];
            lines[lines.Length - 1] += isAsync ? ".ConfigureAwait(false);" : ");";
            writer.Line(lines[0]);
            writer.Indent();
            for (var i = 1; i < lines.Length; i++)
            {
                writer.Line(lines[i]);
            }

            writer.Outdent();
        }

        if (hasResult)
        {
            writer.Line("return " + invalidation.ResultVariable + ";");
        }

        writer.Close();
    }

    private static IEnumerable<string> Evictions(InvalidationSpec invalidation, string cache, DecoratorNames names)
    {
        var none = CSharp.CancellationTokenNone;
        if (invalidation.Tags.Count == 1)
        {
            yield return cache + ".RemoveByTagAsync(" + CSharp.Tag(invalidation.Tags[0]) + ", " + none + ")";
        }
        else if (invalidation.Tags.Count > 1)
        {
            // One call, and one line per tag: these interpolations are long.
            yield return cache + ".RemoveByTagAsync(\nnew string[]\n{\n" +
                         string.Concat(invalidation.Tags.Select(t => "    " + CSharp.Tag(t) + ",\n")) +
                         "},\n" + none + ")";
        }

        // WriteThrough targets are evicted like the others until the runtime can store a write's result under their key.
        foreach (var eviction in invalidation.Evictions)
        {
            yield return cache + ".RemoveAsync(" + names.Helper(eviction.TargetPrefix) + "(" + string.Join(", ", eviction.Arguments) + "), " + none + ")";
        }
    }
}
