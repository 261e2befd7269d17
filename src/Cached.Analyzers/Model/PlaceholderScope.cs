using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// What the placeholders of one attribute's templates may name: the method's parameters (a <c>CancellationToken</c>
/// has no value worth putting in a tag), plus <c>result</c> where the attribute allows it, and, below each, public
/// properties and fields at any depth.
/// </summary>
internal sealed class PlaceholderScope
{
    private const string Result = "result";
    private const int MaxListed = 8;

    private readonly IMethodSymbol _method;
    private readonly string _attribute;
    private readonly ITypeSymbol? _resultType;
    private readonly bool _resultAllowed;

    private PlaceholderScope(IMethodSymbol method, string attribute, bool resultAllowed, ITypeSymbol? resultType)
    {
        _method = method;
        _attribute = attribute;
        _resultAllowed = resultAllowed;
        _resultType = resultType;
    }

    /// <summary>The scope of <c>[Cached]</c> tags and keys: parameters only, since they are built before the call.</summary>
    public static PlaceholderScope ForCached(IMethodSymbol method) => new(method, "Cached", resultAllowed: false, resultType: null);

    /// <summary>The scope of <c>[InvalidatesCache]</c> tags: parameters, and the result when the method returns one.</summary>
    public static PlaceholderScope ForInvalidation(IMethodSymbol method, ITypeSymbol? resultType) =>
        new(method, "InvalidatesCache", resultAllowed: true, resultType);

    /// <summary>Why <paramref name="path"/> names nothing, or <c>null</c> when it resolves.</summary>
    public string? Problem(string[] path)
    {
        var placeholder = "{" + string.Join(".", path) + "}";
        var root = path[0];
        var parameter = _method.Parameters.FirstOrDefault(p => p.Name == root);
        ITypeSymbol type;
        if (parameter is not null)
        {
            if (KeyForms.Of(parameter.Type) == KeyForm.CancellationToken)
            {
                return $"{placeholder} is a CancellationToken, which has no value to put in a tag or key; available: {AvailableRoots()}";
            }

            type = parameter.Type;
        }
        else if (root == Result)
        {
            if (!_resultAllowed)
            {
                return $"{placeholder} cannot be used in [{_attribute}], whose tags and key are built before the method runs; use a parameter: {AvailableRoots()}";
            }

            if (_resultType is null)
            {
                return $"{placeholder} cannot be used because '{_method.Name}' returns no value; use a parameter: {AvailableRoots()}";
            }

            type = _resultType;
        }
        else
        {
            return $"{placeholder} names no parameter of '{_method.Name}'; available: {AvailableRoots()}";
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (FindMember(type, path[i]) is not { } memberType)
            {
                var members = PublicMembers(type).Take(MaxListed + 1).ToList();
                var available = members.Count == 0 ? "it has none"
                    : "available: " + string.Join(", ", members.Take(MaxListed)) + (members.Count > MaxListed ? ", ..." : string.Empty);
                return $"{placeholder}: '{Display(type)}' has no public property or field '{path[i]}'; {available}";
            }

            type = memberType;
        }

        return null;
    }

    /// <summary>The type of the value <paramref name="path"/> names, or <c>null</c> when it names nothing (see <see cref="Problem"/>).</summary>
    public ITypeSymbol? TypeOf(string[] path)
    {
        if (Problem(path) is not null)
        {
            return null;
        }

        var type = _method.Parameters.FirstOrDefault(p => p.Name == path[0])?.Type ?? _resultType!;
        for (var i = 1; i < path.Length; i++)
        {
            type = FindMember(type, path[i])!;
        }

        return type;
    }

    /// <summary>
    /// The name, as declared, of the public readable property or field of <paramref name="type"/> called
    /// <paramref name="name"/> ignoring case (<c>id</c> finds <c>Id</c>), or <c>null</c>.
    /// </summary>
    public static string? MemberNameIgnoringCase(ITypeSymbol type, string name)
    {
        foreach (var member in PublicMembers(type))
        {
            if (string.Equals(member, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    private string AvailableRoots()
    {
        var roots = _method.Parameters
            .Where(p => KeyForms.Of(p.Type) != KeyForm.CancellationToken)
            .Select(p => "{" + p.Name + "}")
            .ToList();
        if (_resultAllowed && _resultType is not null && _method.Parameters.All(p => p.Name != Result))
        {
            roots.Add("{result}");
        }

        return roots.Count == 0 ? "none, the method takes no parameters" : string.Join(", ", roots);
    }

    /// <summary>The type of the public instance property (with a public getter, not an indexer) or field <paramref name="name"/>.</summary>
    private static ITypeSymbol? FindMember(ITypeSymbol type, string name)
    {
        foreach (var candidate in TypesToSearch(type))
        {
            foreach (var member in candidate.GetMembers(name))
            {
                switch (member)
                {
                    case IPropertySymbol property when IsReadable(property):
                        return property.Type;
                    case IFieldSymbol field when IsReadable(field):
                        return field.Type;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> PublicMembers(ITypeSymbol type)
    {
        var seen = new HashSet<string>();
        foreach (var candidate in TypesToSearch(type))
        {
            foreach (var member in candidate.GetMembers())
            {
                if (member is IPropertySymbol property && IsReadable(property) || member is IFieldSymbol field && IsReadable(field))
                {
                    if (seen.Add(member.Name))
                    {
                        yield return member.Name;
                    }
                }
            }
        }
    }

    private static bool IsReadable(IPropertySymbol property) =>
        !property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public &&
        property.GetMethod is { DeclaredAccessibility: Accessibility.Public };

    private static bool IsReadable(IFieldSymbol field) =>
        !field.IsStatic && !field.IsImplicitlyDeclared && field.DeclaredAccessibility == Accessibility.Public;

    /// <summary>The type, its base classes, and its interfaces (members of an interface-typed value live there).</summary>
    private static IEnumerable<ITypeSymbol> TypesToSearch(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                foreach (var t in TypesToSearch(constraint))
                {
                    yield return t;
                }
            }

            yield break;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                yield return @interface;
            }
        }
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
