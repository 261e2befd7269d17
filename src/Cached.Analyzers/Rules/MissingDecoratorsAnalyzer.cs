using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE012: a service whose methods carry <c>[Cached]</c> or <c>[InvalidatesCache]</c> is registered
/// (<c>AddScoped</c>, <c>AddSingleton</c>, <c>AddTransient</c>, their <c>TryAdd</c> and keyed forms) in a compilation
/// that never calls <c>AddCachedDecorators()</c>. Whether it is called anywhere is decided once per compilation from
/// syntax alone (an invocation of that name), the first time a registration of such a service is met.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingDecoratorsAnalyzer : CachedAnalyzer
{
    private const string DecoratorsMethod = "AddCachedDecorators";
    private const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

    private static readonly ImmutableHashSet<string> Registrations = ImmutableHashSet.Create(
        "AddScoped", "AddSingleton", "AddTransient", "TryAddScoped", "TryAddSingleton", "TryAddTransient",
        "AddKeyedScoped", "AddKeyedSingleton", "AddKeyedTransient", "TryAddKeyedScoped", "TryAddKeyedSingleton", "TryAddKeyedTransient");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingDecorators);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        var compilation = context.Compilation;
        var gate = new object();
        bool? called = null;
        context.RegisterOperationAction(
            operationContext =>
            {
                var invocation = (IInvocationOperation)operationContext.Operation;
                if (!IsRegistration(invocation.TargetMethod) || ServiceOf(invocation) is not { } service || !IsDecorated(symbols, service))
                {
                    return;
                }

                lock (gate)
                {
                    called ??= IsCalledAnywhere(compilation, operationContext.CancellationToken);
                }

                if (called == false)
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MissingDecorators,
                        invocation.Syntax.GetLocation(),
                        service.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                }
            },
            OperationKind.Invocation);
    }

    private static bool IsRegistration(IMethodSymbol method) =>
        Registrations.Contains(method.Name) &&
        method.ContainingNamespace?.ToDisplayString() is { } ns && (ns == DependencyInjection || ns.StartsWith(DependencyInjection + ".", System.StringComparison.Ordinal));

    /// <summary>The implementation type a registration names (<c>&lt;I, C&gt;</c>, <c>&lt;C&gt;</c>, <c>typeof(C)</c>), else its service type.</summary>
    private static INamedTypeSymbol? ServiceOf(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsGenericMethod)
        {
            return method.TypeArguments[method.TypeArguments.Length - 1] as INamedTypeSymbol;
        }

        INamedTypeSymbol? last = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol type })
            {
                last = type;
            }
        }

        return last;
    }

    /// <summary>
    /// Whether the type, or an interface it implements, has a method with <c>[Cached]</c> or <c>[InvalidatesCache]</c>
    /// that a decorator applies: a partial method is implemented by the generator in its own type, decorators or not.
    /// </summary>
    private static bool IsDecorated(CachedSymbols symbols, INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces)
            .SelectMany(t => t.GetMembers())
            .OfType<IMethodSymbol>()
            .Any(m => (symbols.FindCached(m) is not null || symbols.FindInvalidatesCache(m) is not null) && !PartialMode.IsPartial(m));

    private static bool IsCalledAnywhere(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.GetText(cancellationToken).ToString();
            if (text.IndexOf(DecoratorsMethod, System.StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name == DecoratorsMethod)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
