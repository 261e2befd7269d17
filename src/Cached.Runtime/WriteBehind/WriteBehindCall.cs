namespace Cached;

/// <summary>
/// The journaled call a <see cref="WriteBehindAttribute">[WriteBehind]</see> write is executing, visible to the write
/// (and everything it calls) through <see cref="Current"/>.
/// </summary>
/// <remarks>
/// A journaled call runs at least once; it can run twice when a node dies after the write committed and before the
/// journal recorded it. To make its effects exactly-once, a write records <see cref="IdempotencyKey"/> in the same
/// database transaction as its change (a table with the key as its primary key) and skips the change when the key is
/// already there. See <c>docs/strategies/write-behind.md</c>.
/// </remarks>
public sealed class WriteBehindCall
{
    private static readonly AsyncLocal<WriteBehindCall?> s_current = new();

    internal WriteBehindCall(string operation, string idempotencyKey, int attempt)
    {
        Operation = operation;
        IdempotencyKey = idempotencyKey;
        Attempt = attempt;
    }

    /// <summary>The call being executed on this async flow, or <c>null</c> outside a write-behind execution.</summary>
    public static WriteBehindCall? Current => s_current.Value;

    /// <summary>The write's name (its method's identity).</summary>
    public string Operation { get; }

    /// <summary>A key unique to the journaled call, the same on every attempt and on every node: record it with the write's effects.</summary>
    public string IdempotencyKey { get; }

    /// <summary>The attempt, from 1.</summary>
    public int Attempt { get; }

    /// <summary>Makes <paramref name="call"/> current until the returned scope is disposed.</summary>
    internal static Scope Enter(WriteBehindCall call)
    {
        var previous = s_current.Value;
        s_current.Value = call;
        return new Scope(previous);
    }

    internal readonly struct Scope(WriteBehindCall? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
