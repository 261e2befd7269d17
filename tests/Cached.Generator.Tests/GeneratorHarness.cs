using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Generator.Tests;

/// <summary>Compiles sources against the running shared framework plus Cached, HybridCache and DI, and runs the generator.</summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "TestApp";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(AssemblyName, sources);

    public static CSharpCompilation Compilation(string assemblyName, string[] sources, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => Parse(source, $"Input{i}.cs")),
            References.AddRange(extraReferences ?? []),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // As the SDK does: unification notes between framework assembly versions are not warnings.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>Sources as UTF-8 <see cref="SourceText"/>, so that the checksum algorithm matches the compiler's.</summary>
    public static SyntaxTree Parse(string source, string path = "Input.cs") =>
        CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, path);

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new CachedGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The shared framework's assemblies plus the packages the test project itself runs on: no download needed.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path =>
            {
                var name = Path.GetFileName(path);
                return Path.GetDirectoryName(path) == frameworkDirectory ||
                       name == "Cached.dll" ||
                       name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
            })
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public ImmutableArray<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    /// <summary>The text of the generated file whose hint name ends with <paramref name="hintNameSuffix"/>.</summary>
    public string Source(string hintNameSuffix)
    {
        var matches = Sources.Where(s => s.HintName.EndsWith(hintNameSuffix, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one generated file ending with {hintNameSuffix}; got: {string.Join(", ", Sources.Select(s => s.HintName))}");
        return matches[0].SourceText.ToString();
    }

    /// <summary>Warnings and errors of the input plus generated code (warnings count: user projects treat them as errors).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public void AssertCompilesCleanly()
    {
        Assert.Empty(GeneratorDiagnostics);
        var problems = CompilationProblems;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(d => d.ToString())) + "\n\n" +
            string.Join("\n\n", Sources.Select(s => "// " + s.HintName + "\n" + s.SourceText)));
    }
}
