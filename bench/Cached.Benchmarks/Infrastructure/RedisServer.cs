using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Cached.Benchmarks.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free port of 127.0.0.1, without persistence: started by a suite's global setup and
/// killed by PID in its cleanup. Also counts the commands the server executed, from <c>INFO commandstats</c>.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private readonly ConnectionMultiplexer _admin;

    private RedisServer(Process process, int port, ConnectionMultiplexer admin)
    {
        _process = process;
        Port = port;
        _admin = admin;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server and waits until it answers.</summary>
    public static RedisServer Start()
    {
        var path = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server was not found: install it with `apt-get install -y redis-server` (./build.sh test does).");
        var port = FreePort();
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var admin = ConnectionMultiplexer.Connect($"127.0.0.1:{port},allowAdmin=true,connectTimeout=1000");
                return new RedisServer(process, port, admin);
            }
            catch (RedisConnectionException) when (!process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The number of commands the server executed so far, not counting the <c>INFO</c> calls that ask.</summary>
    public long CommandsExecuted()
    {
        var stats = _admin.GetServer(_admin.GetEndPoints()[0]).Info("commandstats");
        long total = 0;
        foreach (var pair in stats.SelectMany(static group => group))
        {
            // cmdstat_get: calls=12,usec=...
            if (pair.Key.StartsWith("cmdstat_", StringComparison.Ordinal) && pair.Key != "cmdstat_info")
            {
                var calls = pair.Value.Split(',')[0];
                total += long.Parse(calls.AsSpan(calls.IndexOf('=') + 1), CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>Deletes every key.</summary>
    public void Flush() => _admin.GetServer(_admin.GetEndPoints()[0]).FlushAllDatabases();

    public void Dispose()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
