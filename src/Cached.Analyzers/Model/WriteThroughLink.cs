using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// Whether a write linked to a <c>CacheStrategy.WriteThrough</c> method stores its result under that method's key, as
/// the generator decides it: the write returns a value of the target's result type (nullability aside), every parameter
/// the write shares by name with the target has the same type, and every tag template of the target resolves over the
/// write's parameters. Otherwise the generated write evicts the entry instead.
/// </summary>
internal static class WriteThroughLink
{
    private const string Strategy = nameof(Strategy);
    private const string Tags = nameof(Tags);
    private const string WriteThrough = nameof(WriteThrough);
    private const string Drop = "or drop Strategy = WriteThrough";

    /// <summary>Whether <paramref name="cached"/> sets <c>Strategy = CacheStrategy.WriteThrough</c>.</summary>
    public static bool IsWriteThrough(AttributeData cached)
    {
        var strategy = cached.NamedArguments.FirstOrDefault(a => a.Key == Strategy).Value;
        return strategy.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } type && strategy.Value is not null &&
               type.GetMembers(WriteThrough).OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, strategy.Value));
    }

    /// <summary>
    /// Why <paramref name="write"/> evicts the entry of the write-through <paramref name="target"/> instead of storing its
    /// result, with what to change; <c>null</c> when it stores it, or when the target's own mistakes (no result, a
    /// malformed tag: CACHE003, CACHE004) decide it.
    /// </summary>
    /// <param name="symbols">The compilation's Cached types.</param>
    /// <param name="write">The <c>[InvalidatesCache]</c> method.</param>
    /// <param name="target">The linked cached method.</param>
    /// <param name="cached">The <c>[Cached]</c> of <paramref name="target"/> (its own or its interface method's).</param>
    public static string? WhyEvicts(CachedSymbols symbols, IMethodSymbol write, IMethodSymbol target, AttributeData cached)
    {
        if (symbols.ResultType(target) is not { } targetResult)
        {
            return null;
        }

        var store = $"return '{Display(Returning(symbols, write, targetResult))}' from '{write.Name}' so it can store the new value, {Drop}";
        if (symbols.ResultType(write) is not { } writeResult)
        {
            return $"'{write.Name}' returns no value; {store}";
        }

        if (!SymbolEqualityComparer.Default.Equals(writeResult, targetResult))
        {
            return $"'{write.Name}' returns '{Display(writeResult)}', but '{target.Name}' caches '{Display(targetResult)}'; {store}";
        }

        foreach (var parameter in target.Parameters)
        {
            var shared = write.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (shared is not null && !SymbolEqualityComparer.Default.Equals(shared.Type, parameter.Type))
            {
                return $"'{target.Name}' takes '{parameter.Name}' as '{Display(parameter.Type)}', but '{write.Name}' takes it as '{Display(shared.Type)}'; give '{parameter.Name}' the same type in both, {Drop}";
            }
        }

        return UnresolvedTag(write, target, cached);
    }

    /// <summary>The first tag of <paramref name="target"/> that the write's parameters cannot fill, explained, or <c>null</c>.</summary>
    private static string? UnresolvedTag(IMethodSymbol write, IMethodSymbol target, AttributeData cached)
    {
        var tags = cached.NamedArguments.FirstOrDefault(a => a.Key == Tags).Value;
        if (tags.Kind != TypedConstantKind.Array || tags.IsNull)
        {
            return null;
        }

        var scope = PlaceholderScope.ForCached(write);
        foreach (var template in tags.Values.Select(v => v.Value).OfType<string>())
        {
            foreach (var placeholder in KeyTemplate.Placeholders(template))
            {
                if (scope.Problem(placeholder.Path!) is { } problem)
                {
                    return $"its tag '{template}' cannot be built from the arguments of '{write.Name}': {problem}; take that value as a parameter of '{write.Name}', {Drop}";
                }
            }
        }

        return null;
    }

    /// <summary>The return type <paramref name="write"/> would need: its own shape (<c>Task</c>, <c>ValueTask</c> or a plain value) of <paramref name="result"/>.</summary>
    private static ITypeSymbol Returning(CachedSymbols symbols, IMethodSymbol write, ITypeSymbol result)
    {
        var value = result.IsReferenceType ? result.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : result;
        var returnType = write.ReturnType as INamedTypeSymbol;
        var wrapper =
            returnType is { IsGenericType: true } generic && Is(generic.OriginalDefinition, symbols.TaskOfT) ? symbols.TaskOfT :
            returnType is { IsGenericType: true } valueGeneric && Is(valueGeneric.OriginalDefinition, symbols.ValueTaskOfT) ? symbols.ValueTaskOfT :
            Is(returnType, symbols.Task) ? symbols.TaskOfT :
            Is(returnType, symbols.ValueTask) ? symbols.ValueTaskOfT :
            null;
        return wrapper is null ? value : wrapper.Construct(value);
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
