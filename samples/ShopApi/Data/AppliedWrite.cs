namespace ShopApi.Data;

/// <summary>
/// A journaled write that reached the database, by its idempotency key: recorded in the write's own transaction, so a
/// write the journal delivers twice changes the data once.
/// </summary>
public sealed class AppliedWrite
{
    public required string Key { get; set; }

    public DateTime AppliedAt { get; set; }
}
