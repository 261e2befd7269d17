using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Cached.Generator.Parsing;

namespace Cached.Generator.Emitting;

/// <summary>Writes the implementations of a type's attributed <c>partial</c> methods, over its <c>...Core</c> methods.</summary>
internal static class PartialEmitter
{
    public static string Emit(PartialTypeSpec spec)
    {
        var methods = spec.Methods.Select(m => m.Method).ToEquatableArray();
        var names = new DecoratorNames(methods, spec.EvictionKeys);
        var writer = new SourceWriter().FileHeader();
        if (spec.Namespace.Length > 0)
        {
            writer.Open("namespace " + spec.Namespace);
        }

        foreach (var declaration in spec.Declarations)
        {
            writer.Open(declaration);
        }

        DecoratorEmitter.WritePolicies(writer, methods, names, spec.TypeParameters);
        var first = true;
        foreach (var partial in spec.Methods)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var host = new PartialHost(partial, spec.Cache);
            var method = partial.Method;
            if (method.Caching is { } caching)
            {
                CachingEmitter.Write(writer, method, caching, names, host);
            }
            else if (method.Invalidation is { } invalidation && (!invalidation.Tags.IsEmpty || !invalidation.Evictions.IsEmpty))
            {
                InvalidationEmitter.Write(writer, method, invalidation, names, host);
            }
            else
            {
                // Not cacheable as written (the analyzers say why): the partial method runs its body as is.
                host.WriteHeader(writer, method, isAsync: false);
                writer.Indent().Line("=> " + host.Receiver(method, []) + "." +
                    host.Call(method, method.Parameters.Select(p => ForwardingEmitter.CallRefKind(p.RefKind) + p.Name)) + ";").Outdent();
            }
        }

        foreach (var key in spec.EvictionKeys)
        {
            writer.Line();
            KeyEmitter.WriteHelper(writer, key, names);
        }

        foreach (var _ in spec.Declarations)
        {
            writer.Close();
        }

        CopierEmitter.Write(writer, methods, names);

        if (spec.Methods.Any(m => m.Method.Invalidation is not null && !m.Method.Shape.IsAsyncShape()))
        {
            writer.Line();
            DecoratorEmitter.WriteSynchronousEviction(writer);
        }

        if (spec.Namespace.Length > 0)
        {
            writer.Close();
        }

        return writer.ToString();
    }

    /// <summary>The type itself: its partial method calls its <c>...Core</c> method and caches through its own <c>HybridCache</c>.</summary>
    private sealed class PartialHost : MethodHost
    {
        private readonly PartialMethodSpec _partial;
        private readonly string _cache;

        public PartialHost(PartialMethodSpec partial, string cache)
        {
            _partial = partial;
            _cache = cache;
        }

        /// <summary>The implementing declaration: the definition's modifiers, signature and constraints, without default values or attributes.</summary>
        public override void WriteHeader(SourceWriter writer, MethodSpec method, bool isAsync)
        {
            var parameters = method.Parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.RefKind + p.Type + " " + p.Name);
            writer.Line(_partial.Modifiers + " " + (isAsync ? "async " : string.Empty) + "partial " + method.ReturnRefKind + method.ReturnType + " " +
                        method.Name + TypeArguments(method) + "(" + string.Join(", ", parameters) + ")");
            writer.Indent();
            foreach (var constraint in _partial.Constraints)
            {
                writer.Line(constraint);
            }

            writer.Outdent();
        }

        public override string Receiver(MethodSpec method, IEnumerable<string> parameterNames) => "this";

        public override string Cache(IEnumerable<string> parameterNames) => _cache;

        public override string Call(MethodSpec method, IEnumerable<string> arguments) =>
            method.Name.TrimStart('@') + PartialParser.CoreSuffix + TypeArguments(method) + "(" + string.Join(", ", arguments) + ")";

        private static string TypeArguments(MethodSpec method) =>
            method.TypeParameters.IsEmpty ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
    }
}
