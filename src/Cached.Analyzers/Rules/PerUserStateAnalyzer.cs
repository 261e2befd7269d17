using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE010: a <c>[Cached]</c> method reads the current user or request (<c>HttpContext.User</c>, a
/// <c>ClaimsPrincipal</c> or identity, the session, cookies, headers, query, form, route values or items), directly or
/// through a member of its own class (<c>private string UserId =&gt; accessor.HttpContext!.User...</c>), while its key
/// is built from its arguments only.
/// </summary>
/// <remarks>
/// The class is analysed as a whole (symbol start/end) so that helpers of the class count. A value read from a key
/// parameter is in the key; one read from a <c>[NotCacheKey]</c> parameter is not.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerUserStateAnalyzer : CachedAnalyzer
{
    private static readonly ImmutableHashSet<string> PrincipalTypes = ImmutableHashSet.Create(
        "System.Security.Claims.ClaimsPrincipal", "System.Security.Claims.ClaimsIdentity",
        "System.Security.Principal.IPrincipal", "System.Security.Principal.IIdentity");

    private static readonly ImmutableHashSet<string> ContextMembers = ImmutableHashSet.Create("Session", "Items", "User");

    private static readonly ImmutableHashSet<string> RequestMembers = ImmutableHashSet.Create(
        "Cookies", "Headers", "Query", "QueryString", "Form", "RouteValues");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PerUserState);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        var httpContext = context.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        var httpRequest = context.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
        context.RegisterSymbolStartAction(
            start =>
            {
                var type = (INamedTypeSymbol)start.Symbol;
                var cached = type.GetMembers().OfType<IMethodSymbol>()
                    .Where(m => m.PartialDefinitionPart is null && symbols.FindCachedOrInherited(m) is not null)
                    .ToList();
                if (cached.Count == 0)
                {
                    return;
                }

                var members = new ConcurrentDictionary<ISymbol, MemberReads>(SymbolEqualityComparer.Default);
                start.RegisterOperationBlockAction(block =>
                {
                    var owner = Member(block.OwningSymbol);
                    var reads = new MemberReads();
                    foreach (var operation in block.OperationBlocks.SelectMany(o => o.DescendantsAndSelf()))
                    {
                        Collect(symbols, httpContext, httpRequest, type, owner, operation, reads);
                    }

                    members[owner] = reads;
                });
                start.RegisterSymbolEndAction(end =>
                {
                    foreach (var method in cached)
                    {
                        Report(end, members, method);
                    }
                });
            },
            SymbolKind.NamedType);
    }

    private static void Collect(
        CachedSymbols symbols, INamedTypeSymbol? httpContext, INamedTypeSymbol? httpRequest, INamedTypeSymbol type, ISymbol owner,
        IOperation operation, MemberReads reads)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation property when PerUser(httpContext, httpRequest, property) is { } what:
                if (!FromKeyParameter(symbols, property.Instance))
                {
                    reads.Direct.Add((what, property.Syntax.GetLocation()));
                }

                break;
            case IPropertyReferenceOperation property when IsOwn(type, property.Property) && property.Property.GetMethod is { } getter:
                reads.Calls.Add((Member(getter), property.Syntax.GetLocation()));
                break;
            case IInvocationOperation invocation when IsOwn(type, invocation.TargetMethod):
                reads.Calls.Add((Member(invocation.TargetMethod), invocation.Syntax.GetLocation()));
                break;
        }
    }

    /// <summary>What a property reference reads that differs per user or request, or <c>null</c>.</summary>
    private static string? PerUser(INamedTypeSymbol? httpContext, INamedTypeSymbol? httpRequest, IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        var declaring = property.ContainingType;
        if (PrincipalTypes.Contains(property.Type.OriginalDefinition.ToDisplayString()))
        {
            return $"{declaring.Name}.{property.Name}";
        }

        if (httpContext is not null && DerivesFrom(declaring, httpContext) && ContextMembers.Contains(property.Name))
        {
            return $"HttpContext.{property.Name}";
        }

        if (httpRequest is not null && DerivesFrom(declaring, httpRequest) && RequestMembers.Contains(property.Name))
        {
            return $"HttpRequest.{property.Name}";
        }

        return null;
    }

    /// <summary>Whether the value is reached from a parameter that is part of the key (so it is in the key).</summary>
    private static bool FromKeyParameter(CachedSymbols symbols, IOperation? instance)
    {
        for (var current = instance; current is not null;)
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.ContainingSymbol is IMethodSymbol method &&
                           symbols.FindCachedOrInherited(method) is { } cached &&
                           KeyTemplate.Parameters(symbols, method, cached).Contains(parameter.Parameter, SymbolEqualityComparer.Default);
                case IPropertyReferenceOperation property:
                    current = property.Instance;
                    break;
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static void Report(SymbolAnalysisContext context, ConcurrentDictionary<ISymbol, MemberReads> members, IMethodSymbol method)
    {
        if (!members.TryGetValue(Member(method), out var reads))
        {
            return;
        }

        if (reads.Direct.Count > 0)
        {
            var (what, location) = reads.Direct.OrderBy(r => r.Location.SourceSpan.Start).ThenBy(r => r.Location.SourceSpan.Length).First();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PerUserState, location, method.Name, what));
            return;
        }

        foreach (var (callee, location) in reads.Calls.OrderBy(c => c.Location.SourceSpan.Start))
        {
            if (ReadThrough(members, callee, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { Member(method) }) is { } what)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.PerUserState, location, method.Name, $"{what} (through '{callee.Name}')"));
                return;
            }
        }
    }

    private static string? ReadThrough(ConcurrentDictionary<ISymbol, MemberReads> members, ISymbol member, HashSet<ISymbol> visited)
    {
        if (!visited.Add(member) || !members.TryGetValue(member, out var reads))
        {
            return null;
        }

        if (reads.Direct.Count > 0)
        {
            return reads.Direct[0].What;
        }

        foreach (var (callee, _) in reads.Calls)
        {
            if (ReadThrough(members, callee, visited) is { } what)
            {
                return what;
            }
        }

        return null;
    }

    private static bool IsOwn(INamedTypeSymbol type, ISymbol member) =>
        SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type.OriginalDefinition) && !member.IsImplicitlyDeclared;

    /// <summary>The symbol a member's reads are filed under: the property of an accessor, the defining part of a partial method.</summary>
    private static ISymbol Member(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { AssociatedSymbol: IPropertySymbol property } => property,
        IMethodSymbol method => (method.PartialDefinitionPart ?? method).OriginalDefinition,
        IPropertySymbol property => property,
        _ => symbol,
    };

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one member reads: directly, and through calls to other members of its class.</summary>
    private sealed class MemberReads
    {
        public List<(string What, Location Location)> Direct { get; } = new();

        public List<(ISymbol Callee, Location Location)> Calls { get; } = new();
    }
}
