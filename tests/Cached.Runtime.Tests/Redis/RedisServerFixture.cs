using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

// The server process, the deployment interface and the shared fixture live in one file: other test projects link it.

/// <summary>A real <c>redis-server</c> shared by the tests of the <see cref="RedisCollection"/>, killed by PID at the end.</summary>
public sealed class RedisServerFixture : IAsyncLifetime, IRedisTarget
{
    private RedisServerProcess? _server;

    public int Port => _server!.Port;

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync() => _server = await RedisServerProcess.StartAsync();

    public Task DisposeAsync()
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A separate connection for tests that write to Redis behind the engine's back.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    /// <summary>A port nothing listens on (for "Redis is down" tests).</summary>
    public static int ClosedPort() => RedisServerProcess.FreePort();
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}

/// <summary>A Redis deployment the distributed scenarios run against: one server, or a cluster.</summary>
public interface IRedisTarget
{
    /// <summary>A StackExchange.Redis configuration string.</summary>
    string Configuration { get; }

    /// <summary>A separate connection for tests that look at Redis behind the engine's back.</summary>
    Task<ConnectionMultiplexer> ConnectAsync();
}

/// <summary>
/// One real <c>redis-server</c> on a port of 127.0.0.1, without persistence: started, killed (SIGKILL) and restarted
/// on the same port by PID. A missing <c>redis-server</c> fails the tests (they are never skipped).
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServerProcess(int port, string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    /// <summary>Starts a server on a free port (or <paramref name="port"/>) and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartAsync(int? port = null, params string[] extraArguments)
    {
        var server = new RedisServerProcess(port ?? FreePort(), extraArguments);
        await server.StartAsync();
        return server;
    }

    /// <summary>A port nothing listens on at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port (empty: there is no persistence).</summary>
    public async Task StartAsync()
    {
        var path = FindRedisServer() ?? throw new InvalidOperationException(
            "redis-server was not found (looked on PATH and at /usr/bin/redis-server). The Redis integration tests need a "
            + "real server: install it with `apt-get install -y redis-server` (./build.sh test does this).");
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var arguments = new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" };
        foreach (var argument in arguments.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING. Its output:\n{Output()}");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose() => Kill();

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string? FindRedisServer()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(d => Path.Combine(d, "redis-server")).Append("/usr/bin/redis-server").FirstOrDefault(File.Exists);
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
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
}
