using System.Runtime.CompilerServices;

namespace Cached.Generator.Tests;

/// <summary>
/// Compares generated code with <c>Snapshots/NAME.g.cs.txt</c>, so that a change to the emitted code is reviewed as a
/// diff. With <c>UPDATE_SNAPSHOTS=1</c> it rewrites the snapshot in the source tree instead of comparing.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var fileName = name + ".g.cs.txt";
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, fileName), actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Snapshots", fileName);
        Assert.True(File.Exists(path), $"No snapshot {fileName}: run the tests with UPDATE_SNAPSHOTS=1, then review and commit it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
