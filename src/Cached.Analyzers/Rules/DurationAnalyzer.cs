using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE002 (a <c>Ttl</c> or <c>Jitter</c> that is not a duration) and CACHE007 (a <c>Jitter</c> not smaller than the
/// <c>Ttl</c>): both read the same two arguments of <c>[Cached]</c>, through the parser the generator uses.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DurationAnalyzer : CachedAnalyzer
{
    private const string Ttl = nameof(Ttl);
    private const string Jitter = nameof(Jitter);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BadDuration, DiagnosticDescriptors.JitterNotSmallerThanTtl);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
        if (symbols.FindCached(method) is not { } attribute)
        {
            return;
        }

        var syntax = AttributeSyntaxMap.For(attribute, context.CancellationToken);
        var ttl = Check(context, attribute, syntax, Ttl);
        var jitter = Check(context, attribute, syntax, Jitter);
        if (ttl is { } t && jitter is { } j && j.Value > TimeSpan.Zero && j.Value >= t.Value)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.JitterNotSmallerThanTtl,
                LocationOf(syntax, Jitter),
                j.Text,
                t.Text));
        }
    }

    /// <summary>Reports CACHE002 for a bad value of <paramref name="name"/>; returns the value when it parses.</summary>
    private static (string Text, TimeSpan Value)? Check(
        SymbolAnalysisContext context, AttributeData attribute, AttributeSyntaxMap? syntax, string name)
    {
        if (NamedString(attribute, name) is not { } text)
        {
            return null;
        }

        if (Duration.TryParse(text, out var value))
        {
            return (text, value);
        }

        var properties = DurationSuggestion.For(text) is { } suggestion
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.SuggestedDurationProperty, suggestion)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BadDuration,
            LocationOf(syntax, name),
            properties,
            name,
            text,
            Duration.Forms));
        return null;
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Primitive)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }

    private static Location LocationOf(AttributeSyntaxMap? syntax, string name) =>
        syntax?.NamedArgument(name) is ExpressionSyntax expression
            ? expression.GetLocation()
            : syntax?.Location ?? Location.None;
}
