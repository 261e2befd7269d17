using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cached.Generator.Parsing;

/// <summary>Turns the members of a decorated interface into the signatures the decorator implements explicitly.</summary>
internal static class MemberParser
{
    public static MethodSpec Method(
        IMethodSymbol declared,
        INamedTypeSymbol service,
        IMethodSymbol? carrier,
        KnownTypes known,
        List<KeyBuilderSpec> evictionKeys)
    {
        var shape = ReturnShapes.Of(declared, known, out var result);
        var named = carrier is not null && carrier.Parameters.Length == declared.Parameters.Length ? carrier : declared;

        CachingSpec? caching = null;
        InvalidationSpec? invalidation = null;
        if (carrier is not null)
        {
            var cached = known.CachedOn(carrier);
            var invalidates = known.InvalidatesCacheOn(carrier);
            if (known.WriteBehindOn(carrier) is not null)
            {
                invalidation = cached is null ? WriteBehindInvalidation(carrier, declared, invalidates, known, evictionKeys) : null;
            }
            else if (cached is not null && invalidates is null)
            {
                caching = CachingParser.Parse(carrier, declared, cached, known);
            }
            else if (invalidates is not null && cached is null)
            {
                invalidation = InvalidationParser.Parse(carrier, declared, invalidates, known, evictionKeys);
            }
        }

        return new MethodSpec(
            declared.ContainingType.ToCode(),
            !SymbolEqualityComparer.Default.Equals(declared.ContainingType, service),
            SymbolFormats.EscapeIdentifier(declared.Name),
            declared.ReturnsVoid ? "void" : declared.ReturnType.ToCode(),
            ReturnRefKind(declared.ReturnsByRef, declared.ReturnsByRefReadonly),
            shape,
            result?.ToCode(),
            Attributes(declared.GetReturnTypeAttributes()),
            declared.TypeParameters.Select(TypeParameter).ToEquatableArray(),
            Parameters(declared.Parameters, named.Parameters),
            caching,
            invalidation);
    }

    /// <summary>A <c>[WriteBehind]</c> write, with its <c>[InvalidatesCache]</c> if it has one; <c>null</c> when either is invalid.</summary>
    private static InvalidationSpec? WriteBehindInvalidation(
        IMethodSymbol carrier, IMethodSymbol declared, AttributeData? invalidates, KnownTypes known, List<KeyBuilderSpec> evictionKeys)
    {
        if (WriteBehindParser.Parse(carrier, declared, known) is not { } writeBehind)
        {
            return null;
        }

        var invalidation = invalidates is null
            ? new InvalidationSpec(EquatableArray<TemplateSpec>.Empty, EquatableArray<EvictionSpec>.Empty, "result")
            : InvalidationParser.Parse(carrier, declared, invalidates, known, evictionKeys);
        return invalidation is null ? null : invalidation with { WriteBehind = writeBehind };
    }

    public static PropertySpec Property(IPropertySymbol property, INamedTypeSymbol service) => new(
        property.ContainingType.ToCode(),
        !SymbolEqualityComparer.Default.Equals(property.ContainingType, service),
        property.IsIndexer ? "this" : SymbolFormats.EscapeIdentifier(property.Name),
        property.Type.ToCode(),
        ReturnRefKind(property.ReturnsByRef, property.ReturnsByRefReadonly),
        property.GetMethod is not null,
        property.SetMethod is not null,
        property.SetMethod?.IsInitOnly == true,
        Attributes(property.GetAttributes()),
        Parameters(property.Parameters, property.Parameters));

    public static EventSpec Event(IEventSymbol @event, INamedTypeSymbol service) => new(
        @event.ContainingType.ToCode(),
        !SymbolEqualityComparer.Default.Equals(@event.ContainingType, service),
        SymbolFormats.EscapeIdentifier(@event.Name),
        @event.Type.ToCode());

    private static EquatableArray<ParameterSpec> Parameters(
        IReadOnlyList<IParameterSymbol> declared,
        IReadOnlyList<IParameterSymbol> named)
    {
        var specs = new ParameterSpec[declared.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            var parameter = declared[i];
            specs[i] = new ParameterSpec(
                SymbolFormats.EscapeIdentifier(named[i].Name),
                parameter.Type.ToCode(),
                RefKindOf(parameter.RefKind),
                parameter.IsParams,
                KeyForms.Of(parameter.Type) == KeyForm.CancellationToken,
                Attributes(parameter.GetAttributes()));
        }

        return new EquatableArray<ParameterSpec>(specs);
    }

    private static TypeParameterSpec TypeParameter(ITypeParameterSymbol parameter) => new(
        SymbolFormats.EscapeIdentifier(parameter.Name),
        parameter.HasReferenceTypeConstraint ? "class" : parameter.HasValueTypeConstraint ? "struct" : "default");

    private static string ReturnRefKind(bool byRef, bool byRefReadonly) =>
        byRefReadonly ? "ref readonly " : byRef ? "ref " : string.Empty;

    private static string RefKindOf(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };

    /// <summary>
    /// The nullability attributes (<c>[NotNullWhen]</c>, <c>[AllowNull]</c>, ...), which an implementation must repeat
    /// for its signature to match the interface's without warnings.
    /// </summary>
    private static EquatableArray<string> Attributes(IEnumerable<AttributeData> attributes)
    {
        var texts = new List<string>();
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type ||
                type.ContainingNamespace?.ToDisplayString() != "System.Diagnostics.CodeAnalysis")
            {
                continue;
            }

            var arguments = attribute.ConstructorArguments.Select(a => a.ToCSharpString())
                .Concat(attribute.NamedArguments.Select(a => a.Key + " = " + a.Value.ToCSharpString()));
            texts.Add(type.ToCode() + "(" + string.Join(", ", arguments) + ")");
        }

        return texts.ToEquatableArray();
    }
}
