using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cached.Runtime.Tests.Redis;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>
/// One Cached.TestHost process (an "app server" on Cached + Redis) started with <c>dotnet Cached.TestHost.dll</c> on a
/// free port of 127.0.0.1, and killed by PID.
/// </summary>
internal sealed class TestHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestHostProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    public static async Task<TestHostProcess> StartAsync(string redis, string keyPrefix, string database)
    {
        var port = RedisServerProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     HostDll(), "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--Database", database,
                     "--Cached:Redis", redis, "--Cached:KeyPrefix", keyPrefix, "--Logging:LogLevel:Default", "Warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var host = new TestHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started."), port);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>The built test host next to this test assembly: same configuration, sibling project.</summary>
    private static string HostDll()
    {
        var tests = AppContext.BaseDirectory; // .../tests/Cached.Runtime.Tests/bin/<Configuration>/net10.0/
        var dll = Path.GetFullPath(Path.Combine(tests.Replace("Cached.Runtime.Tests", "Cached.TestHost", StringComparison.Ordinal), "Cached.TestHost.dll"));
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/Cached.TestHost first (the test project references it).", dll);
    }

    /// <summary>Healthy = listening, connected to Redis and subscribed to the backplane (hang guard: 60 s).</summary>
    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The test host did not become healthy. Its output:\n{Output()}");
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
