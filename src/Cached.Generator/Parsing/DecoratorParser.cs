using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>Turns the type that declares an attributed method into the decorators it needs.</summary>
internal static class DecoratorParser
{
    /// <summary>
    /// The decorators of the type declaring <paramref name="context"/>'s method: for an interface, one decorator of
    /// it; for a class, one per interface whose members the class's attributed methods implement.
    /// </summary>
    /// <remarks>
    /// Every attributed method of a type yields the same decorators (the pipeline keeps one of each); the work is
    /// bounded by the size of that type and its interfaces.
    /// </remarks>
    public static EquatableArray<DecoratorSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol { ContainingType: { } type } method ||
            KnownTypes.From(context.SemanticModel.Compilation) is not { } known ||
            !IsFirstAttributed(method, type, known))
        {
            return EquatableArray<DecoratorSpec>.Empty;
        }

        var decorators = new List<DecoratorSpec>();
        if (type.TypeKind == TypeKind.Interface)
        {
            if (!IsGeneric(type) && Build(type, implementation: null, qualifyName: false, known, cancellationToken) is { } decorator)
            {
                decorators.Add(decorator);
            }
        }
        else if (type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && !IsGeneric(type))
        {
            var services = type.AllInterfaces.Where(i => HasAttributedImplementation(type, i, known)).ToList();
            foreach (var service in services)
            {
                if (Build(service, type, qualifyName: services.Count > 1, known, cancellationToken) is { } decorator)
                {
                    decorators.Add(decorator);
                }
            }
        }

        return decorators.ToEquatableArray();
    }

    /// <summary>
    /// Every attributed method of a type would yield the same decorators: only the type's first one builds them, so a
    /// type with N attributed methods is parsed once per compilation change, not N times.
    /// </summary>
    /// <param name="partialOnly">Among the type's partial method definitions only.</param>
    internal static bool IsFirstAttributed(IMethodSymbol method, INamedTypeSymbol type, KnownTypes known, bool partialOnly = false)
    {
        foreach (var member in type.GetMembers())
        {
            // [WriteBehind] starts the decorator pipeline too, so a service whose only attribute it is gets a
            // decorator; partial methods do not journal, so in partial mode only the two caching attributes count.
            if (member is IMethodSymbol candidate && (!partialOnly || candidate.IsPartialDefinition) &&
                (known.CachedOn(candidate) is not null || known.InvalidatesCacheOn(candidate) is not null ||
                 (!partialOnly && known.WriteBehindOn(candidate) is not null)))
            {
                return SymbolEqualityComparer.Default.Equals(candidate, method);
            }
        }

        return false;
    }

    private static DecoratorSpec? Build(
        INamedTypeSymbol service,
        INamedTypeSymbol? implementation,
        bool qualifyName,
        KnownTypes known,
        CancellationToken cancellationToken)
    {
        var compilation = known.Compilation;
        if (!compilation.IsSymbolAccessibleWithin(service, compilation.Assembly) ||
            (implementation is not null && !compilation.IsSymbolAccessibleWithin(implementation, compilation.Assembly)))
        {
            return null;
        }

        var methods = new List<MethodSpec>();
        var properties = new List<PropertySpec>();
        var events = new List<EventSpec>();
        var evictionKeys = new List<KeyBuilderSpec>();
        foreach (var member in Members(service))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsStatic)
            {
                // A static abstract member cannot be forwarded to an instance: such an interface is not decorated.
                if (member.IsAbstract)
                {
                    return null;
                }

                continue;
            }

            if (!member.IsAbstract && !member.IsVirtual)
            {
                continue;
            }

            if (member.DeclaredAccessibility != Accessibility.Public)
            {
                if (member.IsAbstract)
                {
                    return null;
                }

                continue;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    methods.Add(MemberParser.Method(method, service, Carrier(method, implementation, known), known, evictionKeys));
                    break;
                case IPropertySymbol property:
                    properties.Add(MemberParser.Property(property, service));
                    break;
                case IEventSymbol @event:
                    events.Add(MemberParser.Event(@event, service));
                    break;
            }
        }

        var source = implementation ?? service;
        var name = TypeName(source);
        if (qualifyName)
        {
            name += "_" + SymbolFormats.Sanitize(service.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)).TrimEnd('_');
        }

        name += "CachedDecorator";
        var ns = source.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        var interfaces = new[] { service }.Concat(service.AllInterfaces).ToList();
        return new DecoratorSpec(
            ns,
            name,
            (ns.Length == 0 ? string.Empty : ns + ".") + name + ".g.cs",
            service.ToCode(),
            implementation?.ToCode(),
            interfaces.Contains(known.Disposable, SymbolEqualityComparer.Default),
            interfaces.Contains(known.AsyncDisposable, SymbolEqualityComparer.Default),
            methods.ToEquatableArray(),
            properties.ToEquatableArray(),
            events.ToEquatableArray(),
            evictionKeys.GroupBy(k => k.Prefix).Select(g => g.First()).ToEquatableArray());
    }

    /// <summary>The method whose attributes apply to <paramref name="member"/>: the class's implementation if it has any, else the interface member's own.</summary>
    private static IMethodSymbol? Carrier(IMethodSymbol member, INamedTypeSymbol? implementation, KnownTypes known)
    {
        if (implementation?.FindImplementationForInterfaceMember(member) is IMethodSymbol implemented && IsAttributed(implemented, known))
        {
            return implemented;
        }

        return IsAttributed(member, known) ? member : null;
    }

    private static bool HasAttributedImplementation(INamedTypeSymbol type, INamedTypeSymbol service, KnownTypes known) =>
        Members(service).OfType<IMethodSymbol>().Any(m =>
            type.FindImplementationForInterfaceMember(m) is IMethodSymbol implemented &&
            implemented.ContainingType.TypeKind == TypeKind.Class &&
            IsAttributed(implemented, known));

    /// <summary>
    /// Carries an attribute the decorator applies; a partial method's attributes are applied by its own type, and a
    /// decorator would cache it twice.
    /// </summary>
    private static bool IsAttributed(IMethodSymbol method, KnownTypes known) =>
        (known.CachedOn(method) is not null || known.InvalidatesCacheOn(method) is not null || known.WriteBehindOn(method) is not null) &&
        !PartialParser.IsPartial(method);

    /// <summary>The members of <paramref name="service"/> and of every interface it inherits.</summary>
    private static IEnumerable<ISymbol> Members(INamedTypeSymbol service) =>
        new[] { service }.Concat(service.AllInterfaces).SelectMany(i => i.GetMembers());

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The type's name, prefixed by its containing types' names for a nested type.</summary>
    private static string TypeName(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            names.Insert(0, current.Name);
        }

        return string.Join("_", names);
    }
}
