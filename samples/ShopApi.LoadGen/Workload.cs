namespace ShopApi.LoadGen;

/// <summary>What a run sends: product reads drawn from a Zipf distribution, with a share of price changes.</summary>
public sealed record Workload
{
    /// <summary>Product ids 1..Products are requested (id = Zipf rank, so low ids are the hot ones). Default: 10,000.</summary>
    public int Products { get; init; } = 10_000;

    /// <summary>The Zipf exponent s. Default: 0.99.</summary>
    public double ZipfExponent { get; init; } = 0.99;

    /// <summary>Share of requests that change a price (0..1); the rest read a product. Default: 0.01.</summary>
    public double WriteRatio { get; init; } = 0.01;

    /// <summary>Requests in flight at once. Default: 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How long a run lasts, when <see cref="Requests"/> is not set. Default: 30 seconds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A fixed number of requests instead of a duration. Default: none.</summary>
    public int? Requests { get; init; }

    /// <summary>Seed of the random draws, so two runs send the same sequence. Default: 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The admin API key that price changes are sent with.</summary>
    public string AdminKey { get; init; } = "shop-admin-key-change-me";
}
