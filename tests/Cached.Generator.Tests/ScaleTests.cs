using System.Text;
using Xunit.Abstractions;

namespace Cached.Generator.Tests;

/// <summary>
/// A project with 200 cached methods (20 services of 10) generates clean code; the generator's time is written to the
/// test output (measured, never asserted: speed is not a unit-test property).
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    private const int Services = 20;
    private const int MethodsPerService = 10;

    [Fact]
    public void Two_hundred_cached_methods_generate_clean_code()
    {
        var compilation = GeneratorHarness.Compilation(Enumerable.Range(0, Services).Select(Service).ToArray());

        // A first driver warms the JIT up; a second one measures a full generation, then an unrelated edit.
        GeneratorHarness.Driver().RunGenerators(compilation);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var full = driver.GetTimingInfo().ElapsedTime;
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Other; public sealed class Edit { }", "Edit.cs")));
        var edit = driver.GetTimingInfo().ElapsedTime;
        var run = GeneratorHarness.Run(compilation);

        run.AssertCompilesCleanly();
        Assert.Equal(Services + 1, run.Sources.Length);
        Assert.Equal(Services * MethodsPerService, run.Sources.Sum(s => CountOf(s.SourceText.ToString(), "GetOrCreateAsync(")));
        output.WriteLine($"Generator time for {Services * MethodsPerService} cached methods: full generation {full.TotalMilliseconds:F0} ms, after an unrelated edit {edit.TotalMilliseconds:F0} ms.");
    }

    private static string Service(int index)
    {
        var source = new StringBuilder($$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Cached;

            namespace Scale.S{{index}};

            public sealed record Query(string Category, int Page);

            public interface IService
            {

            """);
        for (var m = 0; m < MethodsPerService; m++)
        {
            source.AppendLine($"    Task<int> Get{m}Async(int id, string name, Query query, CancellationToken ct = default);");
        }

        source.AppendLine("}").AppendLine().AppendLine("public sealed class Service : IService").AppendLine("{");
        for (var m = 0; m < MethodsPerService; m++)
        {
            source.AppendLine($$"""    [Cached(Ttl = "{{m + 1}}m", Tags = ["item:{id}", "category:{query.Category}"])]""");
            source.AppendLine($"    public Task<int> Get{m}Async(int id, string name, Query query, CancellationToken ct = default) => Task.FromResult(id);");
        }

        return source.AppendLine("}").ToString();
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
