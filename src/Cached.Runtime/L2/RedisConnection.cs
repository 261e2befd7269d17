using StackExchange.Redis;

namespace Cached.L2;

/// <summary>
/// The multiplexer, obtained in the background so that an application never waits long at startup for Redis:
/// the engine waits at most <c>waitAtStartup</c> (so that, normally, L2 serves the first request) and runs without
/// L2 until the connection exists. The multiplexer itself keeps reconnecting (<c>AbortOnConnectFail=false</c>).
/// </summary>
internal sealed class RedisConnection
{
    private readonly Task<IConnectionMultiplexer> _connecting;

    /// <param name="connect">Creates (or resolves) the multiplexer; may block for the multiplexer's connect timeout.</param>
    /// <param name="waitAtStartup">How long the constructor waits for it.</param>
    public RedisConnection(Func<IConnectionMultiplexer> connect, TimeSpan waitAtStartup)
    {
        _connecting = Task.Run(connect);
        _ = _connecting.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            _connecting.Wait(waitAtStartup);
        }
        catch (AggregateException)
        {
            // Reported through Failure; the engine runs without L2.
        }
    }

    /// <summary>An already connected multiplexer.</summary>
    public RedisConnection(IConnectionMultiplexer multiplexer) => _connecting = Task.FromResult(multiplexer);

    /// <summary>The multiplexer, once created; <c>null</c> before (or if creating it failed).</summary>
    public IConnectionMultiplexer? Multiplexer => _connecting.IsCompletedSuccessfully ? _connecting.Result : null;

    /// <summary>Why the multiplexer could not be created, if it could not.</summary>
    public Exception? Failure => _connecting.Exception?.GetBaseException();

    /// <summary>Runs <paramref name="action"/> once the multiplexer exists.</summary>
    public void WhenCreated(Action<IConnectionMultiplexer> action)
        => _connecting.ContinueWith(
            t => action(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
