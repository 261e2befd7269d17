using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// Reads an <c>[InvalidatesCache]</c> method. A template naming nothing, or a <c>Methods</c> entry naming no cached
/// method of the same type or one whose key parameters this method lacks (by name and type), yields <c>null</c>: the
/// decorator then forwards the method, and the analyzers' error explains why.
/// </summary>
internal static class InvalidationParser
{
    private const string Result = "result";

    /// <param name="carrier">The method carrying the attribute.</param>
    /// <param name="declared">The method the decorator implements.</param>
    /// <param name="evictionKeys">Receives the key builders of the cached methods this write evicts.</param>
    public static InvalidationSpec? Parse(
        IMethodSymbol carrier,
        IMethodSymbol declared,
        AttributeData attribute,
        KnownTypes known,
        List<KeyBuilderSpec> evictionKeys)
    {
        var shape = ReturnShapes.Of(declared, known, out var result);
        if (shape == ReturnShape.ByRef || carrier.IsGenericMethod || carrier.Parameters.Length != declared.Parameters.Length)
        {
            return null;
        }

        var parameters = ParameterBinding.Of(declared, carrier);

        // The decorator awaits an asynchronous write, and an async method takes no by-reference or ref-like parameter.
        if (shape.IsAsync() && parameters.Any(p => p.Declared.RefKind != RefKind.None || p.Type.IsRefLikeType))
        {
            return null;
        }

        var roots = ParameterBinding.Roots(parameters);
        var resultVariable = UniqueLocal(Result, parameters);
        if (result is not null && parameters.All(p => p.Name != Result))
        {
            roots[Result] = new PlaceholderRoot(resultVariable, result);
        }

        var tags = new List<TemplateSpec>();
        foreach (var template in attribute.ConstructorArguments.Length == 1
                     ? CachingParser.Strings(attribute.ConstructorArguments[0])
                     : new string?[0])
        {
            if (Placeholders.ResolveTemplate(template, roots, known.Compilation) is not { } tag)
            {
                return null;
            }

            tags.Add(tag);
        }

        var evictions = new List<EvictionSpec>();
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key != "Methods")
            {
                continue;
            }

            foreach (var name in CachingParser.Strings(argument.Value))
            {
                if (name is null || !TryAddEvictions(carrier, parameters, result, name, known, evictions, evictionKeys))
                {
                    return null;
                }
            }
        }

        return new InvalidationSpec(tags.ToEquatableArray(), evictions.ToEquatableArray(), resultVariable);
    }

    /// <summary>Evicts every cached overload named <paramref name="name"/> whose key this write can build.</summary>
    private static bool TryAddEvictions(
        IMethodSymbol carrier,
        IReadOnlyList<ParameterBinding> parameters,
        ITypeSymbol? result,
        string name,
        KnownTypes known,
        List<EvictionSpec> evictions,
        List<KeyBuilderSpec> evictionKeys)
    {
        var found = false;
        foreach (var method in MethodsNamed(carrier.ContainingType, name))
        {
            // A generic method's key names its type arguments, which a write cannot know.
            if (method.IsGenericMethod || CachedCarrier(method, known) is not { } target ||
                CachingParser.Parse(target, target, known.CachedOn(target)!, known) is not { } cached ||
                !TryBindArguments(cached.Key, target, parameters, out var arguments))
            {
                continue;
            }

            var writeThrough = WriteThroughParser.TryResolve(cached, target, result, parameters, known, out var tags);
            evictions.Add(new EvictionSpec(cached.Key.Prefix, writeThrough, arguments, tags));
            evictionKeys.Add(cached.Key);
            found = true;
        }

        return found;
    }

    /// <summary>The methods of the type (with an interface's inherited ones) named <paramref name="name"/>.</summary>
    private static IEnumerable<IMethodSymbol> MethodsNamed(INamedTypeSymbol type, string name)
    {
        var types = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : new[] { type };
        return types.SelectMany(t => t.GetMembers(name)).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary);
    }

    /// <summary>
    /// The method whose <c>[Cached]</c> makes <paramref name="method"/> cached: itself, or the interface member it
    /// implements (whose identity then keys the entries, as in the decorator that caches it).
    /// </summary>
    private static IMethodSymbol? CachedCarrier(IMethodSymbol method, KnownTypes known)
    {
        if (known.CachedOn(method) is not null)
        {
            return method;
        }

        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (known.CachedOn(member) is not null &&
                    SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>Each parameter the target's key reads must be a parameter of the write with that name and type.</summary>
    private static bool TryBindArguments(
        KeyBuilderSpec key,
        IMethodSymbol target,
        IReadOnlyList<ParameterBinding> parameters,
        out EquatableArray<string> arguments)
    {
        arguments = EquatableArray<string>.Empty;
        var bound = new List<string>(key.Parameters.Count);
        foreach (var keyParameter in key.Parameters)
        {
            var targetParameter = target.Parameters.First(p => SymbolFormats.EscapeIdentifier(p.Name) == keyParameter.Name);
            var source = parameters.FirstOrDefault(p => p.Name == targetParameter.Name);
            if (source.Named is null || !SymbolEqualityComparer.Default.Equals(source.Type, targetParameter.Type))
            {
                return false;
            }

            // Types match but for nullability: the write's value is passed as the cached method declared it.
            var loosened = source.Type.NullableAnnotation == NullableAnnotation.Annotated &&
                           targetParameter.Type.NullableAnnotation != NullableAnnotation.Annotated &&
                           source.Type.IsReferenceType;
            bound.Add(loosened ? source.Identifier + "!" : source.Identifier);
        }

        arguments = bound.ToEquatableArray();
        return true;
    }

    private static string UniqueLocal(string name, IReadOnlyList<ParameterBinding> parameters)
    {
        var candidate = name;
        for (var i = 0; parameters.Any(p => p.Name == candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }
}
