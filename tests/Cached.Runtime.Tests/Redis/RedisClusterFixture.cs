using System.Diagnostics;
using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

/// <summary>
/// A Redis Cluster of three masters (no replicas) on free ports of 127.0.0.1: three <c>redis-server --cluster-enabled
/// yes</c> joined by <c>redis-cli --cluster create</c>, killed by PID at the end.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime, IRedisTarget
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cached-cluster-").FullName;
    private readonly List<RedisServerProcess> _masters = [];

    public string Configuration => string.Join(",", _masters.Select(m => $"127.0.0.1:{m.Port}"));

    public IReadOnlyList<int> Ports => [.. _masters.Select(m => m.Port)];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            var port = RedisServerProcess.FreePort();
            _masters.Add(await RedisServerProcess.StartAsync(
                port, "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf")));
        }

        var create = new ProcessStartInfo("redis-cli") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--cluster", "create" }.Concat(_masters.Select(m => $"127.0.0.1:{m.Port}"))
                     .Concat(["--cluster-replicas", "0", "--cluster-yes"]))
        {
            create.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(create) ?? throw new InvalidOperationException("redis-cli could not be started.");
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        if (!cli.WaitForExit(60_000) || cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed:\n{await output}\n{await errors}");
        }

        // Every master must agree that all slots are served before clients route commands.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var probe = await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");
        while (!await AllOkAsync(probe))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The cluster did not reach cluster_state:ok.");
            }

            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        foreach (var master in _masters)
        {
            master.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    private async Task<bool> AllOkAsync(ConnectionMultiplexer probe)
    {
        foreach (var master in _masters)
        {
            var info = (string?)await probe.GetServer("127.0.0.1", master.Port).ExecuteAsync("CLUSTER", "INFO");
            if (info is null || !info.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis Cluster";
}
