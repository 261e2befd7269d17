using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

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
