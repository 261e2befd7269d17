using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>
/// Deletes the idempotency keys of journaled writes once no redelivery can come for them any more, so the table stays
/// the size of a day's writes instead of growing with every page view. A day is far beyond the journal's redelivery
/// window (a claim after a minute of silence, a few retries, then the dead-letter stream).
/// </summary>
public sealed class AppliedWritesPruner(IServiceScopeFactory scopes, TimeProvider time, ILogger<AppliedWritesPruner> logger) : BackgroundService
{
    /// <summary>How long a key is kept after its write was applied.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes the keys applied more than <see cref="KeptFor"/> ago; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - KeptFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        return await db.AppliedWrites.Where(w => w.AppliedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await PruneAsync(stoppingToken);
                logger.LogInformation("Pruned {Count} applied-write keys older than {KeptFor}", pruned, KeptFor);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Pruning applied-write keys failed; the next round tries again");
            }
        }
    }
}
