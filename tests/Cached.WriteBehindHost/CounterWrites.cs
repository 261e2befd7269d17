using Cached;
using Cached.Generated;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.WriteBehindHost;

public sealed record RecordArgs(int WriteNo);

/// <summary>
/// The write: one transaction records the call's idempotency key (primary key) and its effect; a second run of the same
/// call fails on the key and leaves no second effect. The pause after the commit widens the window in which a kill lands
/// between the commit and the journal's acknowledgement.
/// </summary>
public sealed class CounterWrites(CounterDb db, HostOptions options)
{
    public static readonly WriteBehindMethod<RecordArgs> Method = new(
        "Cached.WriteBehindHost.CounterWrites.RecordAsync",
        static (services, args, ct) => services.GetRequiredService<CounterWrites>().RecordAsync(args, ct));

    public async ValueTask RecordAsync(RecordArgs args, CancellationToken cancellationToken)
    {
        var call = WriteBehindCall.Current ?? throw new InvalidOperationException("not run as a write-behind call");
        db.AppliedWrites.Add(new AppliedWrite { IdempotencyKey = call.IdempotencyKey });
        db.Effects.Add(new Effect { WriteNo = args.WriteNo });
        try
        {
            await db.SaveChangesAsync(cancellationToken); // one transaction
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            Console.WriteLine($"DUPLICATE {args.WriteNo}");
            return;
        }

        Console.WriteLine($"APPLIED {args.WriteNo}");
        await Task.Delay(options.DelayMs, cancellationToken);
    }
}

public sealed class CounterDb(DbContextOptions<CounterDb> options) : DbContext(options)
{
    public DbSet<AppliedWrite> AppliedWrites => Set<AppliedWrite>();

    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<AppliedWrite>().HasKey(a => a.IdempotencyKey);
}

public sealed class AppliedWrite
{
    public required string IdempotencyKey { get; set; }
}

public sealed class Effect
{
    public int Id { get; set; }

    public int WriteNo { get; set; }
}

public sealed record HostOptions(string Mode, int Count, string Redis, string Prefix, string Database, int DelayMs)
{
    public static HostOptions Parse(string[] args)
    {
        string Option(string name, string fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var mode = args.Length > 0 ? args[0] : "flush";
        var count = mode == "produce" && args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new HostOptions(
            mode,
            count,
            Option("redis", "127.0.0.1:6379"),
            Option("prefix", "writebehind"),
            Option("db", "writebehind.db"),
            int.Parse(Option("delay-ms", "0"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
