namespace Cached.Generator.Tests;

/// <summary>The emitted code, reviewed as a diff against <c>Snapshots/</c>.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Class_decorator_caches_reads_with_tags_and_evicts_after_a_write()
    {
        var run = GeneratorHarness.Run(Inputs.Catalog);

        Snapshot.Match(run.Source("Shop.CatalogCachedDecorator.g.cs"), "Catalog.Decorator");
        Snapshot.Match(run.Source("CachedDecorators_TestApp.g.cs"), "Catalog.Registration");
    }

    [Fact]
    public void Interface_decorator_comes_from_attributes_on_the_interface()
    {
        var run = GeneratorHarness.Run(Inputs.AttributesOnTheInterface);

        Snapshot.Match(run.Source("Shop.Reviews.IReviewsCachedDecorator.g.cs"), "Reviews.Decorator");
        Snapshot.Match(run.Source("CachedDecorators_TestApp.g.cs"), "Reviews.Registration");
    }

    [Fact]
    public void ValueTask_and_synchronous_results_take_the_value_fast_path()
    {
        var run = GeneratorHarness.Run(Inputs.ValueTaskAndSynchronous);

        Snapshot.Match(run.Source("Shop.Pricing.PricesCachedDecorator.g.cs"), "Prices.Decorator");
    }

    [Fact]
    public void Undecorated_methods_properties_indexers_and_events_are_forwarded()
    {
        var run = GeneratorHarness.Run(Inputs.ForwardedMembers);

        Snapshot.Match(run.Source("Shop.Stock.Stock_IStockCachedDecorator.g.cs"), "Stock.Decorator");
    }

    [Fact]
    public void NotCacheKey_and_CancellationToken_parameters_stay_out_of_the_key()
    {
        var run = GeneratorHarness.Run(Inputs.ExcludedParameters);

        Snapshot.Match(run.Source("Shop.Search.SearchCachedDecorator.g.cs"), "Search.Decorator");
    }

    [Fact]
    public void Registration_is_emitted_without_any_decorated_service()
    {
        var run = GeneratorHarness.Run(Inputs.NothingDecorated);

        Snapshot.Match(run.Source("CachedDecorators_TestApp.g.cs"), "Empty.Registration");
    }

    [Fact]
    public void Colliding_names_nullable_paths_and_inherited_interfaces_are_handled()
    {
        var run = GeneratorHarness.Run(Inputs.EdgeCases);

        Snapshot.Match(run.Source("Shop.Edges.Outer_Edges_IEdgesCachedDecorator.g.cs"), "Edges.Decorator");
        Snapshot.Match(run.Source("Shop.Edges.Outer_Edges_IEdgeWritesCachedDecorator.g.cs"), "EdgeWrites.Decorator");
    }

    [Fact]
    public void Freshness_settings_are_set_in_the_policy_initializer()
    {
        var run = GeneratorHarness.Run(Inputs.Freshness);

        Snapshot.Match(run.Source("Shop.Accounts.AccountsCachedDecorator.g.cs"), "Freshness.Decorator");
    }

    [Fact]
    public void Write_behind_writes_journal_their_arguments_and_register_their_operations()
    {
        var run = GeneratorHarness.Run(Inputs.WriteBehind);

        Snapshot.Match(run.Source("Shop.Telemetry.CountersCachedDecorator.g.cs"), "WriteBehind.Decorator");
        Snapshot.Match(run.Source("CachedDecorators_TestApp.g.cs"), "WriteBehind.Registration");
    }
}
