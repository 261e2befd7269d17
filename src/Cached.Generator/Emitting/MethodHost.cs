using System.Collections.Generic;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Where a cached or invalidating method is written: a decorator implementing the interface member explicitly over an
/// inner instance, or the class itself implementing its <c>partial</c> method over the user's <c>...Core</c> method.
/// </summary>
internal abstract class MethodHost
{
    /// <summary>The method's attributes, signature and constraints, without a body.</summary>
    public abstract void WriteHeader(SourceWriter writer, MethodSpec method, bool isAsync);

    /// <summary>The instance whose method does the real work.</summary>
    public abstract string Receiver(MethodSpec method, IEnumerable<string> parameterNames);

    /// <summary>The <c>HybridCache</c> the method reads, fills and evicts.</summary>
    public abstract string Cache(IEnumerable<string> parameterNames);

    /// <summary>The real method called on <see cref="Receiver"/> with <paramref name="arguments"/>.</summary>
    public abstract string Call(MethodSpec method, IEnumerable<string> arguments);
}

/// <summary>A generated decorator: explicit implementations forwarding to <c>_inner</c>, caching through <c>_cache</c>.</summary>
internal sealed class DecoratorHost : MethodHost
{
    public static readonly DecoratorHost Instance = new();

    public override void WriteHeader(SourceWriter writer, MethodSpec method, bool isAsync) =>
        ForwardingEmitter.WriteHeader(writer, method, isAsync);

    public override string Receiver(MethodSpec method, IEnumerable<string> parameterNames) =>
        ForwardingEmitter.Inner(method.IsInherited, method.InterfaceType, parameterNames);

    public override string Cache(IEnumerable<string> parameterNames) => DecoratorNames.Member("_cache", parameterNames);

    public override string Call(MethodSpec method, IEnumerable<string> arguments) => ForwardingEmitter.Call(method, arguments);
}
