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
    private PeriodicTimer? _timer;
    private Task _schedule = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The schedule counts from the start, whatever the first run takes.
        _timer = repeatEvery is { } every ? new PeriodicTimer(every, time) : null;
        if (beforeStartup)
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            _schedule = Task.Run(RepeatAsync, CancellationToken.None);
        }
        else
        {
            _schedule = Task.Run(
                async () =>
                {
                    await RunOnceAsync(_stopping.Token).ConfigureAwait(false);
                    await RepeatAsync().ConfigureAwait(false);
                },
                CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _schedule.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Cancels without disposing the token source, as BackgroundService does: a host run by WebApplication.Run can be
    // stopped a second time after it disposed its services, and that StopAsync must not throw.
    public void Dispose()
    {
        _stopping.Cancel();
        _timer?.Dispose();
    }

    private async Task RepeatAsync()
    {
        if (_timer is null)
        {
            return;
        }

        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
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
            // Stopping.
        }
    }
}
