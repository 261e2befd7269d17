namespace Cached.Benchmarks.L1Hit;

/// <summary>The service the generated wrapper decorates; its bodies only run on the warm-up miss.</summary>
public interface IItemService
{
    Task<ImmutableItem> GetAsync(int id, CancellationToken ct = default);

    Task<ImmutableItem> FindAsync(int id, string name, Guid tenant, CancellationToken ct = default);

    Task<MutableItem> GetMutableAsync(int id, CancellationToken ct = default);

    Task<MutableItem> FindMutableAsync(int id, string name, Guid tenant, CancellationToken ct = default);
}

public sealed class ItemService : IItemService
{
    [Cached(Ttl = "1h")]
    public Task<ImmutableItem> GetAsync(int id, CancellationToken ct = default) =>
        Task.FromResult(new ImmutableItem(id, "item", 9.99m));

    [Cached(Ttl = "1h")]
    public Task<ImmutableItem> FindAsync(int id, string name, Guid tenant, CancellationToken ct = default) =>
        Task.FromResult(new ImmutableItem(id, name, 9.99m));

    // CACHE009 is the point here: these rows measure the hit of a mutable result, set against HybridCache's.
#pragma warning disable CACHE009
    [Cached(Ttl = "1h")]
    public Task<MutableItem> GetMutableAsync(int id, CancellationToken ct = default) =>
        Task.FromResult(new MutableItem { Id = id, Name = "item", Price = 9.99m });

    [Cached(Ttl = "1h")]
    public Task<MutableItem> FindMutableAsync(int id, string name, Guid tenant, CancellationToken ct = default) =>
        Task.FromResult(new MutableItem { Id = id, Name = name, Price = 9.99m });
#pragma warning restore CACHE009
}
