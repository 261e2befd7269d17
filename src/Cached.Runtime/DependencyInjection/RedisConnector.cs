using StackExchange.Redis;

namespace Cached.Configuration;

/// <summary>Creates the multiplexer so that an application starts, and serves from L1 and its factories, while Redis is down.</summary>
internal static class RedisConnector
{
    public static IConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);

        // Start without Redis and keep reconnecting in the background.
        options.AbortOnConnectFail = false;

        // While disconnected, fail commands at once instead of queueing them until the L2 timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Come back quickly after a restart: retry every 250 ms instead of backing off exponentially.
        options.ReconnectRetryPolicy = new LinearRetry(250);
        return ConnectionMultiplexer.Connect(options);
    }
}
