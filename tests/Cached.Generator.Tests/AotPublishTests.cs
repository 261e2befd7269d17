using System.Diagnostics;

namespace Cached.Generator.Tests;

/// <summary>
/// Publishes <c>tests/Cached.AotSmoke</c> with native AOT and runs it: generated decorators, the partial-method mode,
/// the generated copy of a mutable result and the engine compile with no trim or AOT warning and serve a cache hit
/// without reflection.
/// </summary>
public sealed class AotPublishTests
{
    /// <summary>A hang guard, not a speed check: a cold publish takes a minute or two here.</summary>
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(10);

    [Fact]
    [Trait("Category", "Publish")]
    public async Task Native_AOT_app_publishes_without_warnings_and_serves_a_cache_hit()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "cached-aot-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            var publish = await RunAsync(
                "dotnet",
                ["publish", Path.Combine(root, "tests", "Cached.AotSmoke", "Cached.AotSmoke.csproj"), "-c", "Release", "-o", output, "-nologo", "-clp:NoSummary"],
                root);
            Assert.True(publish.ExitCode == 0, publish.Output);
            var warnings = publish.Output.Split('\n').Where(l => l.Contains("warning ", StringComparison.Ordinal)).ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));

            var app = await RunAsync(Path.Combine(output, "Cached.AotSmoke"), [], output);

            Assert.True(app.ExitCode == 0, app.Output);
            Assert.Equal(4, app.Output.Split('\n').Count(l => l.StartsWith("cache hit: ", StringComparison.Ordinal)));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

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

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(s_hangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {s_hangGuard}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
