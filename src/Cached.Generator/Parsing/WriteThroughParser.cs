using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// Decides whether a write linked to a <c>CacheStrategy.WriteThrough</c> method stores its result under that method's
/// key, and builds the tags the stored entry carries. Otherwise the write evicts the entry (CACHE analyzers say why).
/// </summary>
internal static class WriteThroughParser
{
    private const int WriteThroughStrategy = 1;

    /// <summary>
    /// True when <paramref name="cached"/> is write-through, the write returns the target's result type (nullability
    /// aside), and every tag template of the target resolves over the write's parameters, each parameter the write
    /// shares by name with the target having the same type.
    /// </summary>
    public static bool TryResolve(
        CachingSpec cached,
        IMethodSymbol target,
        ITypeSymbol? writeResult,
        IReadOnlyList<ParameterBinding> writeParameters,
        KnownTypes known,
        out EquatableArray<TemplateSpec> tags)
    {
        tags = EquatableArray<TemplateSpec>.Empty;
        if (cached.Strategy != WriteThroughStrategy || writeResult is null ||
            ReturnShapes.Of(target, known, out var targetResult) is not (ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT or ReturnShape.Value) ||
            !SymbolEqualityComparer.Default.Equals(writeResult, targetResult))
        {
            return false;
        }

        foreach (var parameter in target.Parameters)
        {
            var shared = writeParameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (shared.Named is not null && !SymbolEqualityComparer.Default.Equals(shared.Type, parameter.Type))
            {
                return false;
            }
        }

        var roots = ParameterBinding.Roots(writeParameters);
        var resolved = new List<TemplateSpec>();
        foreach (var template in CachingParser.Strings(TagsArgument(known.CachedOn(target))))
        {
            if (Placeholders.ResolveTemplate(template, roots, known.Compilation) is not { } tag)
            {
                return false;
            }

            resolved.Add(tag);
        }

        tags = resolved.ToEquatableArray();
        return true;
    }

    private static TypedConstant TagsArgument(AttributeData? cached)
    {
        foreach (var argument in cached?.NamedArguments ?? Enumerable.Empty<KeyValuePair<string, TypedConstant>>())
        {
            if (argument.Key == "Tags")
            {
                return argument.Value;
            }
        }

        return default;
    }
}
