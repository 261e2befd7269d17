using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Cached.Generator.Emitting;
using Cached.Generator.Model;
using Cached.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Generator;

/// <summary>
/// Turns <c>[Cached]</c>, <c>[InvalidatesCache]</c> and <c>[WriteBehind]</c> into caching decorators and an <c>AddCachedDecorators()</c>
/// that registers them. Reports nothing: the analyzers own every diagnostic, so invalid input is simply forwarded.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachedGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Cost model. ForAttributeWithMetadataName finds attributed methods syntactically and caches that search per
        // syntax tree, so an edit re-scans only the edited file. Its transform, though, runs again for every attributed
        // method on every compilation change (each keystroke in an IDE): it does the semantic work once per type and
        // returns a model of strings, numbers and equatable arrays, value-equal to the previous run's when nothing
        // relevant changed, which is what keeps every step below Cached.
        var cachedTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName("Cached.CachedAttribute", IsMethod, DecoratorParser.Parse)
            .WithTrackingName(TrackingNames.CachedTypes);
        var invalidatingTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName("Cached.InvalidatesCacheAttribute", IsMethod, DecoratorParser.Parse)
            .WithTrackingName(TrackingNames.InvalidatingTypes);
        var writeBehindTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName("Cached.WriteBehindAttribute", IsMethod, DecoratorParser.Parse)
            .WithTrackingName(TrackingNames.WriteBehindTypes);

        // Each attributed method of a type yields that type's decorators: keep one of each, in a stable order. This
        // step sees every decorator of the compilation, but only compares and sorts models.
        var decorators = cachedTypes.Collect()
            .Combine(invalidatingTypes.Collect())
            .Combine(writeBehindTypes.Collect())
            .Select(static (pair, _) => Distinct(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Decorators);

        // One output per decorator, so that a change to one type re-emits only its file.
        var decorator = decorators
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.Decorator);
        context.RegisterSourceOutput(decorator, static (output, spec) =>
            output.AddSource(spec.HintName, SourceText.From(DecoratorEmitter.Emit(spec), Encoding.UTF8)));

        // The partial-method mode: the transform runs once per attributed partial method without a body, and yields
        // its whole type's spec, so one file per type, re-emitted only when that type's partial methods change.
        var partialCached = context.SyntaxProvider
            .ForAttributeWithMetadataName("Cached.CachedAttribute", PartialParser.IsPartialDefinition, PartialParser.Parse)
            .WithTrackingName(TrackingNames.PartialCachedTypes);
        var partialInvalidating = context.SyntaxProvider
            .ForAttributeWithMetadataName("Cached.InvalidatesCacheAttribute", PartialParser.IsPartialDefinition, PartialParser.Parse)
            .WithTrackingName(TrackingNames.PartialInvalidatingTypes);
        var partialType = partialCached.Collect()
            .Combine(partialInvalidating.Collect())
            .Select(static (pair, _) => DistinctPartials(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.PartialTypes)
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.PartialType);
        context.RegisterSourceOutput(partialType, static (output, spec) =>
            output.AddSource(spec.HintName, SourceText.From(PartialEmitter.Emit(spec), Encoding.UTF8)));

        var registrationContext = context.CompilationProvider
            .Select(RegistrationParser.Parse)
            .WithTrackingName(TrackingNames.RegistrationContext);
        var registration = decorators
            .Combine(registrationContext)
            .Select(static (pair, _) => RegistrationParser.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Registration);
        context.RegisterSourceOutput(registration, static (output, spec) =>
        {
            if (spec is not null)
            {
                output.AddSource(spec.ClassName + ".g.cs", SourceText.From(RegistrationEmitter.Emit(spec), Encoding.UTF8));
            }
        });
    }

    private static bool IsMethod(SyntaxNode node, System.Threading.CancellationToken cancellationToken) =>
        node is MethodDeclarationSyntax;

    private static EquatableArray<PartialTypeSpec> DistinctPartials(
        ImmutableArray<PartialTypeSpec?> cached,
        ImmutableArray<PartialTypeSpec?> invalidating) =>
        cached.Concat(invalidating)
            .Where(static spec => spec is not null)
            .GroupBy(static spec => spec!.HintName)
            .Select(static group => group.First()!)
            .OrderBy(static spec => spec.HintName, System.StringComparer.Ordinal)
            .ToEquatableArray();

    private static EquatableArray<DecoratorSpec> Distinct(
        ImmutableArray<EquatableArray<DecoratorSpec>> cached,
        ImmutableArray<EquatableArray<DecoratorSpec>> invalidating,
        ImmutableArray<EquatableArray<DecoratorSpec>> writeBehind) =>
        cached.Concat(invalidating).Concat(writeBehind)
            .SelectMany(static specs => specs)
            .GroupBy(static spec => spec.HintName)
            .Select(static group => group.First())
            .OrderBy(static spec => spec.HintName, System.StringComparer.Ordinal)
            .ToEquatableArray();
}
