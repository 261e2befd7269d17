using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Writes one decorator: explicit implementations of every interface member, cached, evicting or forwarded.</summary>
internal static class DecoratorEmitter
{
    internal const string SynchronousEviction = "SynchronousEviction";

    public static string Emit(DecoratorSpec spec)
    {
        var names = new DecoratorNames(spec.Methods, spec.EvictionKeys);
        var writer = new SourceWriter().FileHeader();
        if (spec.Namespace.Length > 0)
        {
            writer.Open("namespace " + spec.Namespace);
        }

        var bases = spec.ServiceType;
        if (!spec.ServiceIsDisposable)
        {
            bases += ", global::System.IDisposable";
        }

        if (!spec.ServiceIsAsyncDisposable)
        {
            bases += ", global::System.IAsyncDisposable";
        }

        writer.Line("/// <summary>");
        writer.Line(spec.ImplementationType is null
            ? "/// Caching decorator of <see cref=\"" + spec.ServiceType + "\"/>, from the interface's attributes."
            : "/// Caching decorator of <see cref=\"" + spec.ServiceType + "\"/>, from the attributes of <see cref=\"" + spec.ImplementationType + "\"/>.");
        writer.Line("/// </summary>");
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal sealed class " + spec.Name + " : " + bases);

        WriteFields(writer, spec, names);
        WriteConstructor(writer, spec);

        foreach (var method in spec.Methods)
        {
            writer.Line();
            if (method.Caching is { } caching)
            {
                CachingEmitter.Write(writer, method, caching, names, DecoratorHost.Instance);
            }
            else if (method.Invalidation is { WriteBehind: { } writeBehind } deferred)
            {
                WriteBehindEmitter.Write(writer, method, deferred, writeBehind, names);
            }
            else if (method.Invalidation is { } invalidation && (!invalidation.Tags.IsEmpty || !invalidation.Evictions.IsEmpty))
            {
                InvalidationEmitter.Write(writer, method, invalidation, names, DecoratorHost.Instance);
            }
            else
            {
                ForwardingEmitter.WriteMethod(writer, method);
            }
        }

        foreach (var property in spec.Properties)
        {
            writer.Line();
            ForwardingEmitter.WriteProperty(writer, property);
        }

        foreach (var @event in spec.Events)
        {
            writer.Line();
            ForwardingEmitter.WriteEvent(writer, @event);
        }

        WriteDisposal(writer, spec);

        foreach (var key in spec.EvictionKeys)
        {
            writer.Line();
            KeyEmitter.WriteHelper(writer, key, names);
        }

        writer.Close();
        CopierEmitter.Write(writer, spec.Methods, names);

        if (spec.Methods.Any(m => m.Invalidation is not null && !m.Shape.IsAsyncShape()))
        {
            writer.Line();
            WriteSynchronousEviction(writer);
        }

        if (spec.Namespace.Length > 0)
        {
            writer.Close();
        }

        return writer.ToString();
    }

    private static void WriteFields(SourceWriter writer, DecoratorSpec spec, DecoratorNames names)
    {
        WritePolicies(writer, spec.Methods, names);
        foreach (var method in spec.Methods)
        {
            if (method.Invalidation?.WriteBehind is { } writeBehind)
            {
                WriteBehindEmitter.WriteField(writer, spec, method, writeBehind, names);
            }
        }

        if (spec.Methods.Any(m => m.Invalidation?.WriteBehind is not null))
        {
            WriteBehindRegistration(writer, spec, names);
        }

        writer.Line("private readonly " + spec.ServiceType + " _inner;");
        writer.Line("private readonly " + CSharp.HybridCache + " _cache;");
        if (NeedsOwnership(spec))
        {
            writer.Line("private readonly bool _ownsInner;");
        }
    }

    /// <summary>Registers this decorator's write-behind operations with the flusher; <c>AddCachedDecorators()</c> calls it.</summary>
    private static void WriteBehindRegistration(SourceWriter writer, DecoratorSpec spec, DecoratorNames names)
    {
        writer.Line("/// <summary>Registers the write-behind operations of this decorator, so the flusher can execute their journaled calls.</summary>");
        writer.Open("internal static void " + WriteBehindRegistrationMethod + "(" + RegistrationEmitter.Services + " services)");
        foreach (var method in spec.Methods.Where(m => m.Invalidation?.WriteBehind is not null))
        {
            writer.Line("global::Microsoft.Extensions.DependencyInjection.CachedStrategiesServiceCollectionExtensions.AddWriteBehindOperation(services, " + names.WriteBehindField(method) + ");");
        }

        writer.Close();
        writer.Line();
    }

    internal const string WriteBehindRegistrationMethod = "AddWriteBehindOperations";

    /// <summary>The static <c>CachedMethod&lt;T&gt;</c> policy of each cached method.</summary>
    /// <param name="typeParameters">The enclosing generic type's type parameters, which every key prefix names.</param>
    internal static void WritePolicies(SourceWriter writer, EquatableArray<MethodSpec> methods, DecoratorNames names, EquatableArray<string> typeParameters = default)
    {
        foreach (var method in methods)
        {
            if (method.Caching is not { } caching)
            {
                continue;
            }

            var policy = "global::Cached.Generated.CachedMethod<" + method.ResultType + ">";
            // The key names the type arguments (as Type.ToString() does: no assembly versions).
            var prefix = CSharp.Literal(caching.Key.Prefix) + TypeArguments(typeParameters);
            if (names.Holder(caching) is { } holder)
            {
                writer.Line("private static class " + holder);
                writer.Open();
                writer.Line("public static readonly " + policy + " Value = new(");
                prefix += TypeArguments(method.TypeParameters.Select(t => t.Name));
            }
            else
            {
                writer.Line("private static readonly " + policy + " " + names.Field(caching) + " = new(");
            }

            writer.Indent();
            writer.Line(CSharp.Literal(caching.DisplayName) + ",");
            writer.Line(prefix + ",");
            writer.Line((caching.TtlTicks is { } ttl ? CSharp.Ticks(ttl) : "null") + ",");
            writer.Line((caching.JitterTicks is { } jitter ? CSharp.Ticks(jitter) : "null") + ",");
            FreshnessEmitter.Close(writer, CSharp.Strategy(caching.Strategy), caching, names.Copier(caching));
            writer.Outdent();
            if (names.Holder(caching) is not null)
            {
                writer.Close();
            }

            writer.Line();
        }
    }

    /// <summary><c> + "&lt;" + typeof(T).ToString() + ... + "&gt;"</c>, or nothing without type parameters.</summary>
    private static string TypeArguments(IEnumerable<string> typeParameters)
    {
        var list = typeParameters.ToList();
        return list.Count == 0
            ? string.Empty
            : " + \"<\" + " + string.Join(" + \",\" + ", list.Select(t => "typeof(" + t + ").ToString()")) + " + \">\"";
    }

    private static void WriteConstructor(SourceWriter writer, DecoratorSpec spec)
    {
        writer.Line();
        writer.Line("/// <summary>Wraps <paramref name=\"inner\"/>, caching through <paramref name=\"cache\"/>.</summary>");
        writer.Line("/// <param name=\"inner\">The instance whose methods run on a miss, and to which everything else is forwarded.</param>");
        writer.Line("/// <param name=\"cache\">The cache the decorated methods read, fill and evict.</param>");
        writer.Line("/// <param name=\"ownsInner\">Dispose <paramref name=\"inner\"/> with the decorator: the container created it.</param>");
        writer.Open("public " + spec.Name + "(" + spec.ServiceType + " inner, " + CSharp.HybridCache + " cache, bool ownsInner = false)");
        writer.Line("_inner = inner ?? throw new global::System.ArgumentNullException(nameof(inner));");
        writer.Line("_cache = cache ?? throw new global::System.ArgumentNullException(nameof(cache));");
        if (NeedsOwnership(spec))
        {
            writer.Line("_ownsInner = ownsInner;");
        }

        writer.Close();
    }

    /// <summary>
    /// The container disposes what it resolves, which is now the decorator: it disposes the inner instance in turn when
    /// the container created that instance (the interface's own <c>Dispose</c>, if any, is forwarded as declared).
    /// </summary>
    private static void WriteDisposal(SourceWriter writer, DecoratorSpec spec)
    {
        if (!spec.ServiceIsDisposable)
        {
            writer.Line();
            writer.Open("void global::System.IDisposable.Dispose()");
            writer.Open("if (_ownsInner && _inner is global::System.IDisposable disposable)");
            writer.Line("disposable.Dispose();");
            writer.Close();
            writer.Close();
        }

        if (!spec.ServiceIsAsyncDisposable)
        {
            writer.Line();
            writer.Open("global::System.Threading.Tasks.ValueTask global::System.IAsyncDisposable.DisposeAsync()");
            writer.Open("if (_ownsInner)");
            writer.Open("if (_inner is global::System.IAsyncDisposable asyncDisposable)");
            writer.Line("return asyncDisposable.DisposeAsync();");
            writer.Close();
            writer.Line();
            writer.Open("if (_inner is global::System.IDisposable disposable)");
            writer.Line("disposable.Dispose();");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("return default;");
            writer.Close();
        }
    }

    internal static void WriteSynchronousEviction(SourceWriter writer)
    {
        writer.Line("/// <summary>Blocks a synchronous write until its eviction completes: once the write returns, no read may see the old entry.</summary>");
        writer.Open("file static class " + SynchronousEviction);
        writer.Open("public static void Wait(global::System.Threading.Tasks.ValueTask eviction)");
        writer.Open("if (!eviction.IsCompletedSuccessfully)");
        writer.Line("eviction.AsTask().GetAwaiter().GetResult();");
        writer.Close();
        writer.Close();
        writer.Close();
    }

    private static bool NeedsOwnership(DecoratorSpec spec) => !spec.ServiceIsDisposable || !spec.ServiceIsAsyncDisposable;

    internal static bool IsAsyncShape(this ReturnShape shape) =>
        shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
}
