namespace Cached.Locking;

/// <summary>
/// What a flight got from the distributed lock: either another node's value (found in L2 while waiting), or the
/// lease itself (this node runs the factory while the lease is renewed, then releases it with its token).
/// </summary>
internal sealed class LeaseOutcome<T>
{
    private LeaseOutcome(string key, string? token, LeaseRenewal? renewal, bool valueFound, T value)
    {
        Key = key;
        Token = token;
        Renewal = renewal;
        ValueFound = valueFound;
        Value = value;
    }

    public string Key { get; }

    /// <summary>The random token the lease was taken with; <c>null</c> when this outcome holds no lease.</summary>
    public string? Token { get; }

    /// <summary>Keeps the held lease alive until the factory is done; <c>null</c> when this outcome holds no lease.</summary>
    public LeaseRenewal? Renewal { get; }

    public bool ValueFound { get; }

    public T Value { get; }

    public static LeaseOutcome<T> Held(string key, string token, LeaseRenewal renewal) => new(key, token, renewal, valueFound: false, default!);

    public static LeaseOutcome<T> Found(string key, T value) => new(key, token: null, renewal: null, valueFound: true, value);
}
