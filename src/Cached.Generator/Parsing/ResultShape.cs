using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// A short, stable hash of a result type's shape (its name and its public data members' names and types, a few levels
/// deep), put in every key so that a deploy that changes the type never reads an old payload as the new type.
/// </summary>
internal static class ResultShape
{
    /// <summary>Deep enough for a DTO with a nested DTO or a list of them; deeper changes are rare and costly to walk.</summary>
    private const int MaxDepth = 3;

    public static string Hash(ITypeSymbol type)
    {
        var shape = new StringBuilder();
        Describe(type, MaxDepth, shape, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
        return Fnv1a(shape.ToString()).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Describe(ITypeSymbol type, int depth, StringBuilder shape, HashSet<ITypeSymbol> visited)
    {
        shape.Append(type.ToIdentity());
        if (depth == 0)
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                shape.Append('[');
                Describe(array.ElementType, depth - 1, shape, visited);
                shape.Append(']');
                return;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    shape.Append('<');
                    Describe(argument, depth - 1, shape, visited);
                    shape.Append('>');
                }

                // The framework's own types do not change shape between deploys of an application; their type
                // arguments (walked above) do.
                if (IsFrameworkType(named) || !visited.Add(named.OriginalDefinition))
                {
                    return;
                }

                shape.Append('{');
                foreach (var (name, memberType) in DataMembers(named).OrderBy(m => m.Name, System.StringComparer.Ordinal))
                {
                    shape.Append(name).Append(':');
                    Describe(memberType, depth - 1, shape, visited);
                    shape.Append(';');
                }

                shape.Append('}');
                return;
        }
    }

    private static IEnumerable<(string Name, ITypeSymbol Type)> DataMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>();
        for (var current = type; current is not null && !IsFrameworkType(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || !seen.Add(member.Name))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false } property:
                        yield return (property.Name, property.Type);
                        break;
                    case IFieldSymbol { IsImplicitlyDeclared: false } field:
                        yield return (field.Name, field.Type);
                        break;
                }
            }
        }
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        if (type.SpecialType != SpecialType.None)
        {
            return true;
        }

        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root is { Name: "System" or "Microsoft" };
    }

    /// <summary>32-bit FNV-1a over the UTF-16 code units: stable across processes and platforms, unlike GetHashCode.</summary>
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
