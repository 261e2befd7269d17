using System.Collections.Concurrent;
using System.Diagnostics;
using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Strategies;

/// <summary>
/// A real crash: a host process journals writes and flushes them to SQLite, and is killed with SIGKILL mid-flush; a
/// second process takes over. Every acknowledged write must reach the database exactly once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class WriteBehindDurabilityTests(RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private const int Writes = 200;
    private readonly string _directory = Directory.CreateTempSubdirectory("cached-wb-").FullName;

    [Fact]
    public async Task Every_acknowledged_write_reaches_the_database_exactly_once_after_a_SIGKILL_mid_flush()
    {
        var prefix = "wbkill" + Guid.NewGuid().ToString("N")[..8];
        var database = Path.Combine(_directory, "counters.db");

        using var first = HostProcess.Start(Arguments($"produce {Writes}", prefix, database, delayMs: 20), output);
        await Eventually.HoldsAsync(() => first.Count("ACK ") == Writes && first.Count("APPLIED ") >= Writes / 4, "the first process journaled every write and flushed some", 120);
        first.Kill(); // SIGKILL: no shutdown, no drain
        var acknowledged = first.Numbers("ACK ");
        var appliedBeforeKill = first.Numbers("APPLIED ").Count;
        Assert.True(appliedBeforeKill < Writes, "killed mid-flush");

        using var second = HostProcess.Start(Arguments("flush", prefix, database, delayMs: 0), output);
        Assert.True(await second.ExitAsync(120) == 0 && second.Lines.Contains("DRAINED"), second.Tail());

        using var report = HostProcess.Start(Arguments("report", prefix, database, delayMs: 0), output);
        Assert.True(await report.ExitAsync(60) == 0, report.Tail());
        var effects = report.Numbers("EFFECT ");

        var lost = acknowledged.Except(effects).Count();
        var duplicated = effects.Count - effects.Distinct().Count();
        var skipped = second.Count("DUPLICATE ");
        output.WriteLine($"{acknowledged.Count} acknowledged, {appliedBeforeKill} applied before SIGKILL, {effects.Count} effects after recovery: "
                         + $"{lost} lost, {duplicated} duplicated, {skipped} re-run(s) stopped by the idempotency key");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Arguments(string mode, string prefix, string database, int delayMs)
        => [.. mode.Split(' '), "--redis", redis.Configuration, "--prefix", prefix, "--db", database, "--delay-ms", delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The host process (<c>tests/Cached.WriteBehindHost</c>), its output lines collected as they come.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private HostProcess(Process process) => _process = process;

        public IReadOnlyCollection<string> Lines => _lines;

        public static HostProcess Start(string[] arguments, ITestOutputHelper output)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(HostPath());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the write-behind host");
            var host = new HostProcess(process);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    host._lines.Enqueue(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    host._lines.Enqueue("stderr: " + e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return host;
        }

        public string Tail() => string.Join('\n', _lines.TakeLast(40));

        public int Count(string prefix) => _lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

        public List<int> Numbers(string prefix)
            => [.. _lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => int.Parse(l[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))];

        public void Kill()
        {
            _process.Kill(); // SIGKILL on Unix
            _process.WaitForExit();
        }

        public async Task<int> ExitAsync(int seconds)
        {
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"the host did not exit within {seconds} s; its output:\n{Tail()}");
            }

            _process.WaitForExit(); // the output is read to its end
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        /// <summary>The host is built next to this test project (it is a build-only reference): same configuration.</summary>
        private static string HostPath()
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(tests, "Cached.WriteBehindHost", "bin", configuration, framework, "Cached.WriteBehindHost.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("The write-behind host was not built.", path);
        }
    }
}
