using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Cached.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace Cached.Analyzers.Tests;

/// <summary>
/// Realistic services (EF Core, Dapper, ADO.NET) under <c>Corpus/</c>, each compiled with the shared model and run
/// through every analyzer. Each file says what it must produce with <c>// expect: CACHEnnn at Type.Member</c> lines
/// (or <c>// expect: none</c>). CACHE001 is measured (precision and recall over the whole corpus, both at least 0.95);
/// every other rule must match its labels exactly.
/// </summary>
public partial class CorpusTests(ITestOutputHelper output)
{
    private const string WriteWithoutInvalidation = "CACHE001";
    private const double Threshold = 0.95;

    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        typeof(Cached.Analyzers.Rules.CachedAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Cached;
        global using Dapper;
        global using Microsoft.EntityFrameworkCore;
        global using Shop.Data;
        """;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in ServiceFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_30_labelled_service_files()
    {
        var files = ServiceFiles().ToList();
        Assert.True(files.Count >= 30, $"{files.Count} corpus files");
        Assert.All(files, f => Assert.Matches(ExpectLine(), File.ReadAllText(f)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_rule_but_CACHE001_reports_exactly_what_the_file_expects(string file)
    {
        var result = await AnalyzeAsync(file);
        var expected = result.Expected.Where(e => e.Id != WriteWithoutInvalidation).Order().ToList();
        var actual = result.Actual.Where(a => a.Id != WriteWithoutInvalidation).Order().ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task CACHE001_precision_and_recall_over_the_corpus_are_at_least_95_percent()
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var report = new StringBuilder();
        foreach (var file in ServiceFiles().Select(Path.GetFileName))
        {
            var result = await AnalyzeAsync(file!);
            var expected = result.Expected.Where(e => e.Id == WriteWithoutInvalidation).ToHashSet();
            var actual = result.Actual.Where(a => a.Id == WriteWithoutInvalidation).ToHashSet();
            truePositives += expected.Intersect(actual).Count();
            foreach (var missed in expected.Except(actual))
            {
                falseNegatives++;
                report.AppendLine($"  missed (false negative): {file}: {missed.Member}");
            }

            foreach (var extra in actual.Except(expected))
            {
                falsePositives++;
                report.AppendLine($"  reported (false positive): {file}: {extra.Member}: {result.Messages[extra]}");
            }
        }

        var precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 1 : (double)truePositives / (truePositives + falseNegatives);
        var summary = $"CACHE001 over the corpus: precision {precision:0.000} ({truePositives}/{truePositives + falsePositives}), " +
                      $"recall {recall:0.000} ({truePositives}/{truePositives + falseNegatives})";
        output.WriteLine(summary);
        output.WriteLine(report.ToString());
        Console.WriteLine(summary);
        Console.Write(report.ToString());

        Assert.True(precision >= Threshold && recall >= Threshold, summary + Environment.NewLine + report);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_compiles_without_errors(string file)
    {
        var result = await AnalyzeAsync(file);
        Assert.Empty(result.CompilerErrors);
    }

    private static IEnumerable<string> ServiceFiles() =>
        Directory.GetFiles(CorpusDirectory, "*.cs.txt").Where(f => !Path.GetFileName(f).StartsWith('_')).Order(StringComparer.Ordinal);

    /// <summary>Each file is compiled and analysed once for all the tests that look at it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<CorpusResult>>> Results = new();

    private static Task<CorpusResult> AnalyzeAsync(string file) =>
        Results.GetOrAdd(file, f => new Lazy<Task<CorpusResult>>(() => AnalyzeFileAsync(f))).Value;

    private static async Task<CorpusResult> AnalyzeFileAsync(string file)
    {
        var path = Path.Combine(CorpusDirectory, file);
        var text = File.ReadAllText(path);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(SourceText.From(GlobalUsings, Encoding.UTF8), parse, "GlobalUsings.cs"),
            CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(Path.Combine(CorpusDirectory, "_Model.cs.txt")), Encoding.UTF8), parse, "_Model.cs"),
            CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), parse, file.Replace(".txt", string.Empty, StringComparison.Ordinal)),
        };
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(file).Replace(".", "_", StringComparison.Ordinal),
            trees,
            TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        var diagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        var serviceTree = trees[2];
        var actual = new List<Finding>();
        var messages = new Dictionary<Finding, string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Location.SourceTree == serviceTree))
        {
            var finding = new Finding(diagnostic.Id, MemberAt(serviceTree, diagnostic.Location.SourceSpan.Start));
            actual.Add(finding);
            messages[finding] = diagnostic.GetMessage();
        }

        var expected = ExpectLine().Matches(text)
            .Where(m => m.Groups["id"].Value != "none")
            .Select(m => new Finding(m.Groups["id"].Value, m.Groups["member"].Value))
            .ToList();
        return new CorpusResult(expected, actual.Distinct().ToList(), messages, errors);
    }

    /// <summary><c>Type.Member</c> of the member declaration around a position.</summary>
    private static string MemberAt(SyntaxTree tree, int position)
    {
        var node = tree.GetRoot().FindToken(position).Parent;
        var member = node?.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax);
        var type = node?.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        var memberName = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            ConstructorDeclarationSyntax => ".ctor",
            _ => "?",
        };
        return $"{type?.Identifier.ValueText ?? "?"}.{memberName}";
    }

    [GeneratedRegex(@"^// expect: (?<id>CACHE\d{3}|none)(?: at (?<member>\S+))?\s*$", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();

    private sealed record Finding(string Id, string Member) : IComparable<Finding>
    {
        public int CompareTo(Finding? other) => string.CompareOrdinal(ToString(), other?.ToString());

        public override string ToString() => $"{Id} at {Member}";
    }

    private sealed record CorpusResult(
        List<Finding> Expected, List<Finding> Actual, Dictionary<Finding, string> Messages, List<string> CompilerErrors);
}
