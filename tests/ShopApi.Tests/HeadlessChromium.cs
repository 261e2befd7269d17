using System.Diagnostics;

namespace ShopApi.Tests;

/// <summary>Drives the Debian <c>chromium</c> package headless: a page's DOM after load, or a screenshot of it.</summary>
public sealed class HeadlessChromium : IDisposable
{
    // A hang guard only: a page load here takes about a second.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private readonly string _executable;
    private readonly string _profile = Directory.CreateTempSubdirectory("shop-chromium-").FullName;

    private HeadlessChromium(string executable) => _executable = executable;

    /// <summary>Finds <c>chromium</c> on the PATH, or fails saying how to install it.</summary>
    public static HeadlessChromium Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        return new HeadlessChromium(path ?? throw new InvalidOperationException(
            "chromium is not installed: run ./build.sh test (it installs the Debian package) or apt-get install chromium."));
    }

    /// <summary>The serialized DOM of <paramref name="url"/> once it has loaded.</summary>
    public Task<string> DumpDomAsync(Uri url) => RunAsync("--dump-dom", url.ToString());

    /// <summary>Saves a PNG of <paramref name="url"/> to <paramref name="path"/>.</summary>
    public Task ScreenshotAsync(Uri url, string path) => RunAsync($"--screenshot={path}", "--window-size=1400,700", url.ToString());

    public void Dispose() => Directory.Delete(_profile, recursive: true);

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--user-data-dir={_profile}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish within {s_timeout}: {await errors}");
        }

        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
    }
}
