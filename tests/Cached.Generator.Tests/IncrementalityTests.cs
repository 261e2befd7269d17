using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Tests;

/// <summary>An edit that changes no decorated contract leaves every step of the pipeline cached.</summary>
public sealed class IncrementalityTests
{
    private const string Unrelated = """
        namespace Shop.Other;

        public sealed class Clock
        {
            public int Now()
            {
                return 1;
            }
        }
        """;

    private const string Partial = """
        using System.Threading.Tasks;
        using Cached;
        using Microsoft.Extensions.Caching.Hybrid;

        namespace Shop.Partial;

        public sealed partial class Prices(HybridCache cache)
        {
            [Cached(Ttl = "1m", Tags = ["price:{id}"])]
            public partial Task<decimal> PriceAsync(int id);

            [InvalidatesCache("price:{id}")]
            public partial Task SetAsync(int id, decimal price);

            private Task<decimal> PriceAsyncCore(int id) => Task.FromResult(1m);

            private Task SetAsyncCore(int id, decimal price) => Task.CompletedTask;
        }
        """;

    private static readonly string[] s_steps =
    [
        TrackingNames.CachedTypes,
        TrackingNames.InvalidatingTypes,
        TrackingNames.Decorators,
        TrackingNames.Decorator,
        TrackingNames.PartialCachedTypes,
        TrackingNames.PartialInvalidatingTypes,
        TrackingNames.PartialTypes,
        TrackingNames.PartialType,
        TrackingNames.RegistrationContext,
        TrackingNames.Registration,
    ];

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Shop.Other; public sealed class Added { }", "Added.cs")));

        AssertNothingRecomputed(driver.GetRunResult());
    }

    [Fact]
    public void Changing_a_method_body_in_an_undecorated_class_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(Replace(compilation, Unrelated, Unrelated.Replace("return 1;", "return 2;", StringComparison.Ordinal)));

        AssertNothingRecomputed(driver.GetRunResult());
    }

    [Fact]
    public void Changing_the_body_of_a_decorated_method_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(Replace(compilation, Inputs.Catalog, Inputs.Catalog.Replace("\"Tea\", \"drinks\", 3m", "\"Coffee\", \"drinks\", 4m", StringComparison.Ordinal)));

        AssertNothingRecomputed(driver.GetRunResult());
    }

    [Fact]
    public void Changing_a_ttl_regenerates_that_decorator_only()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(Replace(compilation, Inputs.Catalog, Inputs.Catalog.Replace("Ttl = \"10m\"", "Ttl = \"20m\"", StringComparison.Ordinal)));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var decorators = steps[TrackingNames.Decorator].SelectMany(s => s.Outputs).ToList();
        Assert.Single(decorators, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(decorators, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_how_a_mutable_result_type_is_set_regenerates_its_copy_and_that_decorator_only()
    {
        var (driver, compilation) = FirstRun();
        var edited = Inputs.AttributesOnTheInterface.Replace("public string Text { get; set; }", "public string Text { get; private set; }", StringComparison.Ordinal);
        Assert.NotEqual(Inputs.AttributesOnTheInterface, edited);

        driver = driver.RunGenerators(Replace(compilation, Inputs.AttributesOnTheInterface, edited));

        var result = driver.GetRunResult().Results.Single();
        var decorators = result.TrackedSteps[TrackingNames.Decorator].SelectMany(s => s.Outputs).ToList();
        Assert.Single(decorators, o => o.Reason == IncrementalStepRunReason.Modified);
        var reviews = result.GeneratedSources.Single(s => s.HintName.EndsWith("IReviewsCachedDecorator.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("ProductId = value.ProductId,", reviews, StringComparison.Ordinal);
        Assert.DoesNotContain("Text = value.Text,", reviews, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_body_of_a_partial_methods_core_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(Replace(compilation, Partial, Partial.Replace("Task.FromResult(1m)", "Task.FromResult(2m)", StringComparison.Ordinal)));

        AssertNothingRecomputed(driver.GetRunResult());
    }

    [Fact]
    public void Changing_a_partial_methods_attribute_regenerates_that_type_only()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(Replace(compilation, Partial, Partial.Replace("Ttl = \"1m\"", "Ttl = \"2m\"", StringComparison.Ordinal)));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        Assert.Single(steps[TrackingNames.PartialType].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(
            steps[TrackingNames.Decorator].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"A decorator was {o.Reason}."));
    }

    [Fact]
    public void Model_holds_no_symbols_syntax_locations_or_compilations()
    {
        Type[] forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel)];
        var modelTypes = typeof(CachedGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace == "Cached.Generator.Model")
            .ToList();
        Assert.NotEmpty(modelTypes);

        var offending = new List<string>();
        foreach (var type in modelTypes)
        {
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            var members = type.GetFields(all).Select(f => (f.Name, f.FieldType))
                .Concat(type.GetProperties(all).Select(p => (p.Name, p.PropertyType)));
            foreach (var (name, memberType) in members)
            {
                if (Reaches(memberType).Any(t => forbidden.Any(f => f.IsAssignableFrom(t))))
                {
                    offending.Add(type.Name + "." + name + ": " + memberType);
                }
            }
        }

        Assert.Empty(offending);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compilation(Inputs.Catalog, Inputs.AttributesOnTheInterface, Inputs.ValueTaskAndSynchronous, Partial, Unrelated);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Equal(5, first.GeneratedSources.Length);
        return (driver, compilation);
    }

    private static Compilation Replace(Compilation compilation, string oldSource, string newSource)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString() == oldSource);
        return compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(newSource, tree.FilePath));
    }

    private static void AssertNothingRecomputed(GeneratorDriverRunResult result)
    {
        var run = result.Results.Single();
        var steps = run.TrackedSteps;
        foreach (var name in s_steps)
        {
            Assert.True(steps.ContainsKey(name), $"Step {name} did not run.");
            foreach (var step in steps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} produced an output {reason}.");
                }
            }
        }

        foreach (var output in run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    /// <summary>The type and every type it is built from (generic arguments, array elements).</summary>
    private static IEnumerable<Type> Reaches(Type type)
    {
        yield return type;
        if (type.IsArray)
        {
            foreach (var inner in Reaches(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var inner in Reaches(argument))
            {
                yield return inner;
            }
        }
    }
}
