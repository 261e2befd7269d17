namespace Cached.L1;

/// <summary>An entry of L1, whatever its value type: what expiry, tag validation and eviction need.</summary>
internal abstract class L1Entry(string key, long createdAt, long expiresAtTicks, string[] tags)
{
    /// <summary>The full key.</summary>
    public string Key { get; } = key;

    /// <summary>When the value was read from the source, as a stamp (microseconds, Redis time scale).</summary>
    public long CreatedAt { get; } = createdAt;

    /// <summary>Absolute expiry in UTC ticks of the engine's <see cref="TimeProvider"/>.</summary>
    public long ExpiresAtTicks { get; } = expiresAtTicks;

    /// <summary>The entry's tags (never null; often empty).</summary>
    public string[] Tags { get; } = tags;

    /// <summary>
    /// Until when (UTC ticks) the entry may be served stale after <see cref="ExpiresAtTicks"/>; at or before it when the
    /// entry has no stale window.
    /// </summary>
    public long StaleUntilTicks { get; init; }

    /// <summary>How long the value took to produce (µs), the δ of early refresh; 0 when unknown or not refreshed early.</summary>
    public long RecomputeMicros { get; init; }

    /// <summary>Early refresh of this entry: 0 none, 1 requested by a hit, 2 running. See <c>CacheEngine.RefreshAhead.cs</c>.</summary>
    public int RefreshState;

    /// <summary>The <c>TagStamps.Version</c> at which the tags were last found valid.</summary>
    public long CheckedVersion;

    /// <summary>The eviction policy's access count (0 to 3), raised by hits without synchronization. See <see cref="L1Store"/>.</summary>
    public int Frequency;

    /// <summary>Whether the entry sits in the policy's main queue rather than its small one; changed under the store's lock.</summary>
    public bool InMain;

    /// <summary>Whether the entry left the store (removed, replaced or evicted); its queue drops it. Changed under the store's lock.</summary>
    public bool Removed;
}

/// <summary>An L1 entry holding a value of type <typeparamref name="T"/> and, once asked for, a completed task of it.</summary>
internal sealed class L1Entry<T>(string key, T value, long createdAt, long expiresAtTicks, string[] tags)
    : L1Entry(key, createdAt, expiresAtTicks, tags)
{
    private Task<T>? _completedTask;

    public T Value { get; } = value;

    /// <summary>
    /// The serialized form copies of <see cref="Value"/> are read from, for a method whose result type is mutable; made
    /// on the first copy, empty when the value cannot be copied. See <c>CacheEngine.Copies.cs</c>.
    /// </summary>
    public byte[]? SerializedValue { get; set; }

    /// <summary>A completed task of <see cref="Value"/>, created on first use and reused by every later hit.</summary>
    public Task<T> CompletedTask => _completedTask ??= Task.FromResult(Value);
}
