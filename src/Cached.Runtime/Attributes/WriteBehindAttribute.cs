namespace Cached;

/// <summary>
/// Defers a write: the call's arguments are journaled durably in a Redis Stream and the call returns as soon as Redis
/// has them; a background flusher executes the real method in batches, retries it with backoff, moves an entry that
/// keeps failing to a dead-letter stream, and invalidates the method's <see cref="InvalidatesCacheAttribute">[InvalidatesCache]</see>
/// tags after each flushed call. Nothing acknowledged is lost when a process dies: another node, or the restarted one,
/// picks up what the dead one had not finished.
/// </summary>
/// <remarks>
/// <para>
/// For counters, view counts and telemetry: writes whose effects may land a little later and whose caller needs no
/// result. Never for money, or for a write the caller must see succeed: an error surfaces in the flusher's log and in
/// the dead-letter stream, not to the caller.
/// </para>
/// <para>
/// The method must return <see cref="Task"/>, <see cref="ValueTask"/> or <c>void</c>, and its arguments must
/// serialize with System.Text.Json. A journaled call may run more than once (a node dies after the write committed and
/// before the journal heard of it): the write reaches exactly-once effects by recording
/// <see cref="WriteBehindCall.Current"/>'s <see cref="WriteBehindCall.IdempotencyKey"/> in the same transaction as its
/// change, and skipping a key it has already recorded. Without Redis the write runs inline, and that is logged.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WriteBehindAttribute : Attribute;
