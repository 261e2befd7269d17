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
        var isAsync = method.Shape.IsAsyncShape();
        host.WriteHeader(writer, method, isAsync);
        writer.Open();
        WriteBody(writer, method, invalidation, names, host, awaitsEvictions: isAsync);
        writer.Close();
    }

    /// <summary>The write, then its evictions (awaited in an async body, else waited for synchronously), then its result.</summary>
    internal static void WriteBody(SourceWriter writer, MethodSpec method, InvalidationSpec invalidation, DecoratorNames names, MethodHost host, bool awaitsEvictions)
    {
        var parameterNames = ForwardingEmitter.Names(method.Parameters).ToList();
        var cache = host.Cache(parameterNames);
        var hasResult = method.Shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT or ReturnShape.Value;
        var call = host.Receiver(method, parameterNames) + "." + host.Call(method, method.Parameters.Select(p => ForwardingEmitter.CallRefKind(p.RefKind) + p.Name));
        if (method.Shape.IsAsyncShape())
        {
            call = "await " + call + ".ConfigureAwait(false)";
        }

        writer.Line((hasResult ? "var " + invalidation.ResultVariable + " = " : string.Empty) + call + ";");

        foreach (var eviction in Evictions(invalidation, cache, names, hasResult))
        {
            var lines = eviction.Split('\n');
            lines[0] = (awaitsEvictions ? "await " : DecoratorEmitter.SynchronousEviction + ".Wait(") + lines[0];
            lines[lines.Length - 1] += awaitsEvictions ? ".ConfigureAwait(false);" : ");";
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
    }

    private static IEnumerable<string> Evictions(InvalidationSpec invalidation, string cache, DecoratorNames names, bool hasResult)
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

        // After the tags: a write-through entry is then newer than its tags' new stamps.
        foreach (var eviction in invalidation.Evictions)
        {
            var key = names.Helper(eviction.TargetPrefix) + "(" + string.Join(", ", eviction.Arguments) + ")";
            yield return eviction.WriteThrough && hasResult && names.FieldOf(eviction.TargetPrefix) is { } target
                ? target + ".SetAsync(" + cache + ", " + key + ", " + invalidation.ResultVariable + "!, " + CachingEmitter.Tags(eviction.Tags) + ", " + none + ")"
                : cache + ".RemoveAsync(" + key + ", " + none + ")";
        }
    }
}
