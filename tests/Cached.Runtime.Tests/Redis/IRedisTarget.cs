using StackExchange.Redis;

namespace Cached.Runtime.Tests.Redis;

/// <summary>A Redis deployment the distributed scenarios run against: one server, or a cluster.</summary>
public interface IRedisTarget
{
    /// <summary>A StackExchange.Redis configuration string.</summary>
    string Configuration { get; }

    /// <summary>A separate connection for tests that look at Redis behind the engine's back.</summary>
    Task<ConnectionMultiplexer> ConnectAsync();
}
