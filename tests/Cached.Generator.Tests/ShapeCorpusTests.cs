namespace Cached.Generator.Tests;

/// <summary>
/// Every service shape of <c>Shapes/</c>: generated code compiles with nullable enabled and warnings as errors, its
/// snapshot matches, and calling each cached method twice through the decorator runs the inner method once.
/// </summary>
public sealed class ShapeCorpusTests
{
    public static TheoryData<string> Shapes => new(ShapeRunner.Names());

    [Fact]
    public void Corpus_has_at_least_forty_shapes() => Assert.True(ShapeRunner.Names().Count() >= 40, string.Join(", ", ShapeRunner.Names()));

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Shape_compiles_cleanly_and_caches(string shape) => await ShapeRunner.RunAsync(shape);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_matches_its_snapshot(string shape)
    {
        var run = ShapeRunner.Generate(shape);
        var decorators = run.Sources
            .Where(s => !s.HintName.StartsWith("CachedDecorators_", StringComparison.Ordinal))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "// " + s.HintName + "\n" + s.SourceText);
        Snapshot.Match(string.Join("\n", decorators), "Shape." + shape);
    }
}
