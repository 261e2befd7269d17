using System.IO;
using System.Reflection;
using Cached.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Tests;

/// <summary>Every diagnostic the analyzers report is documented, tracked for release and linked to its page.</summary>
public class DiagnosticCatalogTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_links_to_its_page_in_docs(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_is_tracked_for_release_with_its_severity(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Cached.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_is_reported_by_an_analyzer()
    {
        var declared = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .Order();
        Assert.Equal(declared, Descriptors().Select(d => d.Id).Order());
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .DistinctBy(d => d.Id);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cached.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cached.sln not found above " + AppContext.BaseDirectory);
    }
}
