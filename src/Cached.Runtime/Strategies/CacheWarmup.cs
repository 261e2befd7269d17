using Cached.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cached.Strategies;

/// <summary>
/// Pre-warming: runs a warm-up (reads through cached methods, or <see cref="CacheEngine"/> calls for a list of keys) at
/// startup and, optionally, on a schedule, each run in its own DI scope. A failing run is logged; the cache then fills
/// on demand.
/// </summary>
internal sealed class CacheWarmup(
    string name,
    Func<IServiceProvider, CancellationToken, Task> warm,
    TimeSpan? repeatEvery,
    bool beforeStartup,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<CacheWarmup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _schedule = Task.CompletedTask;

    /// <summary>Completed runs, failed or not.</summary>
    public int Runs { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (beforeStartup)
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            _schedule = repeatEvery is { } every ? Task.Run(() => RepeatAsync(every), CancellationToken.None) : Task.CompletedTask;
        }
        else
        {
            _schedule = Task.Run(() => RunThenRepeatAsync(), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _schedule.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunThenRepeatAsync()
    {
        await RunOnceAsync(_stopping.Token).ConfigureAwait(false);
        if (repeatEvery is { } every)
        {
            await RepeatAsync(every).ConfigureAwait(false);
        }
    }

    private async Task RepeatAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await RunOnceAsync(_stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await warm(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WarmupFailed(logger, name, ex);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Runs++;
    }
}
