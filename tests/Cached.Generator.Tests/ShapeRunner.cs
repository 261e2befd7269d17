using System.Reflection;
using System.Runtime.Loader;

namespace Cached.Generator.Tests;

/// <summary>
/// Compiles a service shape (a source file of <c>Shapes/</c>) with the generator, checks that the output compiles with
/// nullable enabled and no warning, then loads it and runs its <c>Shapes.Probe.RunAsync()</c>, which calls the cached
/// methods through the generated decorator and throws when the inner method ran more often than it should have.
/// </summary>
internal static class ShapeRunner
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Shapes");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.cs.txt")
            .Select(path => Path.GetFileName(path)[..^".cs.txt".Length])
            .Where(name => !name.StartsWith('_'))
            .Order(StringComparer.Ordinal);

    public static string Source(string name) => File.ReadAllText(Path.Combine(Directory, name + ".cs.txt"));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<GeneratorRun>> s_runs = new();

    /// <summary>The generator's run over a shape, once per test run (the snapshot and the execution share it).</summary>
    public static GeneratorRun Generate(string name) =>
        s_runs.GetOrAdd(name, static n => new Lazy<GeneratorRun>(() =>
            GeneratorHarness.Run(GeneratorHarness.Compilation("Shape_" + n, [Source(n), Source("_Kit")])))).Value;

    public static async Task RunAsync(string name)
    {
        var run = Generate(name);
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("Shape_" + name, isCollectible: true);
        try
        {
            var probe = context.LoadFromStream(image).GetType("Shapes.Probe", throwOnError: true)!;
            var task = (Task)probe.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            await task;
        }
        finally
        {
            context.Unload();
        }
    }
}
