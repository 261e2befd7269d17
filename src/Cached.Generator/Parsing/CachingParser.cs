using System;
using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// Reads a <c>[Cached]</c> method. Anything the generator cannot key or cache faithfully yields <c>null</c>: the
/// decorator then forwards the method, and the analyzers' error explains why.
/// </summary>
internal static class CachingParser
{
    /// <param name="carrier">The method carrying the attribute: its containing type and name make the key's identity.</param>
    /// <param name="declared">The method the decorator implements (the carrier itself for an interface's own attributes).</param>
    public static CachingSpec? Parse(IMethodSymbol carrier, IMethodSymbol declared, AttributeData attribute, KnownTypes known)
    {
        var shape = ReturnShapes.Of(declared, known, out var result);
        if (result is null || shape is not (ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT or ReturnShape.Value) ||
            carrier.Parameters.Length != declared.Parameters.Length || carrier.Arity != declared.Arity ||
            known.IsAsyncEnumerable(result))
        {
            return null;
        }

        var parameters = ParameterBinding.Of(declared, carrier);
        foreach (var parameter in parameters)
        {
            // The arguments travel to the factory in a value tuple: nothing by reference, nothing ref-like.
            if (parameter.Declared.RefKind is RefKind.Ref or RefKind.Out || parameter.Type.IsRefLikeType ||
                parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                return null;
            }
        }

        string? ttlText = null, jitterText = null, keyTemplate = null;
        var strategy = 0;
        var tagTemplates = Array.Empty<string?>();
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Ttl": ttlText = argument.Value.Value as string; break;
                case "Jitter": jitterText = argument.Value.Value as string; break;
                case "Key": keyTemplate = argument.Value.Value as string; break;
                case "Strategy": strategy = argument.Value.Value is int value ? value : 0; break;
                case "Tags": tagTemplates = Strings(argument.Value); break;
            }
        }

        if (!TryParseDuration(ttlText, out var ttl) || !TryParseDuration(jitterText, out var jitter) ||
            FreshnessParser.Parse(attribute) is not { } freshness)
        {
            return null;
        }

        var roots = ParameterBinding.Roots(parameters);
        var tags = new List<TemplateSpec>(tagTemplates.Length);
        foreach (var template in tagTemplates)
        {
            if (Placeholders.ResolveTemplate(template, roots, known.Compilation) is not { } tag)
            {
                return null;
            }

            tags.Add(tag);
        }

        var key = ParseKey(carrier, parameters, keyTemplate, result, known);
        if (key is null)
        {
            return null;
        }

        var cancellationToken = shape.IsAsync()
            ? parameters.FirstOrDefault(p => KeyForms.Of(p.Type) == KeyForm.CancellationToken).Named?.Name
            : null;

        var copyOnRead = known.Mutability.Reason(result) is not null;
        return new CachingSpec(
            carrier.ContainingType.ToIdentity() + "." + carrier.Name,
            key,
            ttl,
            jitter,
            strategy,
            tags.ToEquatableArray(),
            freshness,
            copyOnRead,
            copyOnRead ? CopierParser.Parse(result, known) : null,
            cancellationToken is null ? null : SymbolFormats.EscapeIdentifier(cancellationToken));
    }

    /// <summary>How a cached method's key is built; <c>null</c> when a key value has no stable form.</summary>
    private static KeyBuilderSpec? ParseKey(
        IMethodSymbol carrier,
        IReadOnlyList<ParameterBinding> parameters,
        string? template,
        ITypeSymbol result,
        KnownTypes known)
    {
        var segments = new List<KeySegmentSpec>();
        var usedRoots = new HashSet<string>();
        if (template is not null)
        {
            // The prefix already identifies the method, so the template's literal text adds nothing to a key's
            // uniqueness: its placeholders choose the segments.
            if (!Template.TryParse(template, out var parts, out _))
            {
                return null;
            }

            var roots = ParameterBinding.Roots(parameters);
            foreach (var part in parts)
            {
                if (part.Path is null)
                {
                    continue;
                }

                if (!Placeholders.TryResolve(part.Path, roots, known.Compilation, out var placeholder) ||
                    Segment(placeholder.Expression, placeholder.Type, placeholder.Lifted) is not { } segment)
                {
                    return null;
                }

                segments.Add(segment);
                usedRoots.Add(placeholder.Root);
            }
        }
        else
        {
            foreach (var parameter in parameters)
            {
                if (KeyForms.Of(parameter.Type) == KeyForm.CancellationToken ||
                    known.HasNotCacheKey(parameter.Named) || known.HasNotCacheKey(parameter.Declared))
                {
                    continue;
                }

                if (Segment(parameter.Identifier, parameter.Type, lifted: false) is not { } segment)
                {
                    return null;
                }

                segments.Add(segment);
                usedRoots.Add(parameter.Name);
            }
        }

        var prefix = carrier.ContainingType.ToIdentity() + "." + carrier.Name +
                     "(" + string.Join(",", carrier.Parameters.Select(p => p.Type.ToIdentity())) + ")#" +
                     ResultShape.Hash(result);
        var keyParameters = parameters
            .Where(p => usedRoots.Contains(p.Name))
            .Select(p => new KeyParameterSpec(p.Identifier, p.Type.ToCode()))
            .ToEquatableArray();
        var length = prefix.Length;
        foreach (var segment in segments)
        {
            length += 1 + TypicalLength(segment);
        }

        // An explicit implementation's name is qualified (IRates.RateAsync): generated member names take the simple one.
        var methodName = carrier.ExplicitInterfaceImplementations.FirstOrDefault()?.Name ?? carrier.Name;
        return new KeyBuilderSpec(methodName, prefix, keyParameters, segments.ToEquatableArray(), BufferLength(length));
    }

    private static KeySegmentSpec? Segment(string expression, ITypeSymbol type, bool lifted)
    {
        var form = KeyForms.OfGrouped(type);
        if (lifted)
        {
            form = form switch
            {
                KeyForm.Formattable => KeyForm.NullableFormattable,
                KeyForm.Enum or KeyForm.Boolean or KeyForm.Char => KeyForm.NullableOther,
                KeyForm.Composite => KeyForm.Composite,
                _ => KeyForm.None,
            };
        }

        return form is KeyForm.None or KeyForm.CancellationToken ? null : Segment(expression, type, form, lifted);
    }

    /// <summary>A segment of a form <see cref="KeyForms"/> accepted, with its members or elements for a group.</summary>
    private static KeySegmentSpec Segment(string expression, ITypeSymbol type, KeyForm form, bool lifted)
    {
        var isNullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        var valueType = isNullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        var underlying = (valueType as INamedTypeSymbol)?.EnumUnderlyingType?.ToCode();
        var segment = new KeySegmentSpec(expression, form, underlying) { CanBeNull = lifted || isNullable || type.IsReferenceType };
        switch (form)
        {
            case KeyForm.Composite:
                return segment with
                {
                    Members = KeyForms.MembersOf(valueType)
                        .Select(m => Segment(SymbolFormats.EscapeIdentifier(m.Name), KeyForms.TypeOf(m), KeyForms.OfGrouped(KeyForms.TypeOf(m)), lifted: false))
                        .ToEquatableArray(),
                };
            case KeyForm.Sequence or KeyForm.Set:
                var element = KeyForms.ElementOf(valueType, out _)!;
                return segment with { Element = Segment(string.Empty, element, KeyForms.OfGrouped(element), lifted: false) };
            default:
                return segment;
        }
    }

    /// <summary>A typical formatted length, to size the stack buffer; a longer key rents from the pool instead.</summary>
    private static int TypicalLength(KeySegmentSpec segment) => segment.Form switch
    {
        KeyForm.Boolean => 1,
        KeyForm.Char => 2,
        KeyForm.Enum or KeyForm.NullableOther => 11,
        KeyForm.String => 32,
        KeyForm.Composite or KeyForm.Sequence or KeyForm.Set => 64,
        _ => 36,
    };

    /// <summary>Rounded up to 32 chars; at most 512 chars (1 KiB) of stack.</summary>
    private static int BufferLength(int length) => Math.Min(512, Math.Max(64, (length + 31) / 32 * 32));

    internal static bool TryParseDuration(string? text, out long? ticks)
    {
        ticks = null;
        if (text is null)
        {
            return true;
        }

        if (!Duration.TryParse(text, out var value))
        {
            return false;
        }

        ticks = value.Ticks;
        return true;
    }

    internal static string?[] Strings(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array && !constant.IsNull
            ? constant.Values.Select(v => v.Value as string).ToArray()
            : Array.Empty<string?>();
}
