namespace Cached.Generator.Tests;

/// <summary>Which decorators a service gets and where their attributes come from.</summary>
public sealed class DecoratorShapeTests
{
    private const string Mixed = """
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Mixed;

        public interface IUsers
        {
            [Cached(Ttl = "1m")]
            Task<string> NameAsync(int id);

            Task RenameAsync(int id, string name);
        }

        public sealed class Users : IUsers
        {
            public Task<string> NameAsync(int id) => Task.FromResult("ann");

            [InvalidatesCache(Methods = [nameof(NameAsync)])]
            public Task RenameAsync(int id, string name) => Task.CompletedTask;
        }
        """;

    [Fact]
    public void Class_decorator_also_applies_the_interfaces_own_attributes_under_the_interfaces_identity()
    {
        var run = GeneratorHarness.Run(Mixed);

        run.AssertCompilesCleanly();
        var forClass = run.Source("Shop.Mixed.UsersCachedDecorator.g.cs");
        var forInterface = run.Source("Shop.Mixed.IUsersCachedDecorator.g.cs");
        Assert.Contains("\"Shop.Mixed.IUsers.NameAsync(int)#", forClass, StringComparison.Ordinal);
        Assert.Contains("s_nameAsync.TryGetCompletedTask", forClass, StringComparison.Ordinal);
        Assert.Contains("_cache.RemoveAsync(KeyOfNameAsync(id)", forClass, StringComparison.Ordinal);
        Assert.Contains("\"Shop.Mixed.IUsers.NameAsync(int)#", forInterface, StringComparison.Ordinal);
        Assert.Contains("=> _inner.RenameAsync(id, name);", forInterface, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_prefers_the_class_decorator_and_falls_back_to_the_interfaces()
    {
        var run = GeneratorHarness.Run(Mixed);

        var registration = run.Source("CachedDecorators_TestApp.g.cs");
        Assert.Contains("static _ => true", registration, StringComparison.Ordinal);
        Assert.Contains(
            "inner is global::Shop.Mixed.Users ? new global::Shop.Mixed.UsersCachedDecorator(inner, Cache(provider, typeof(global::Shop.Mixed.IUsers)), ownsInner) :",
            registration,
            StringComparison.Ordinal);
        Assert.Contains("new global::Shop.Mixed.IUsersCachedDecorator(inner, Cache(provider, typeof(global::Shop.Mixed.IUsers)), ownsInner));", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_implementing_two_decorated_interfaces_gets_a_decorator_for_each()
    {
        var run = GeneratorHarness.Run(Inputs.EdgeCases);

        run.AssertCompilesCleanly();
        Assert.Contains(run.Sources, s => s.HintName == "Shop.Edges.Outer_Edges_IEdgesCachedDecorator.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "Shop.Edges.Outer_Edges_IEdgeWritesCachedDecorator.g.cs");
    }

    [Fact]
    public void Key_prefix_changes_when_the_result_types_shape_changes()
    {
        var before = Prefix(GeneratorHarness.Run(Inputs.Catalog));
        var renamed = Prefix(GeneratorHarness.Run(Inputs.Catalog.Replace("string Category", "string Section", StringComparison.Ordinal)
            .Replace("{result.Category}", "{result.Section}", StringComparison.Ordinal)));
        var retyped = Prefix(GeneratorHarness.Run(Inputs.Catalog.Replace("decimal Price", "double Price", StringComparison.Ordinal)
            .Replace("3m", "3d", StringComparison.Ordinal).Replace("\"drinks\", price", "\"drinks\", (double)price", StringComparison.Ordinal)));
        var unchanged = Prefix(GeneratorHarness.Run(Inputs.Catalog.Replace("Task.FromResult(1)", "Task.FromResult(2)", StringComparison.Ordinal)));

        Assert.StartsWith("Shop.Catalog.GetProductAsync(int,System.Threading.CancellationToken)#", before, StringComparison.Ordinal);
        Assert.NotEqual(before, renamed);
        Assert.NotEqual(before, retyped);
        Assert.NotEqual(renamed, retyped);
        Assert.Equal(before, unchanged);

        static string Prefix(GeneratorRun run)
        {
            var source = run.Source("Shop.CatalogCachedDecorator.g.cs");
            var start = source.IndexOf("\"Shop.Catalog.GetProductAsync(", StringComparison.Ordinal) + 1;
            return source[start..source.IndexOf('"', start)];
        }
    }
}
