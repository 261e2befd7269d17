using Cached.Tags;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests;

/// <summary>The ordering that the race guard rests on: flight starts against the stamps of invalidations.</summary>
public sealed class StampClockTests
{
    private static readonly DateTimeOffset s_noon = new(2026, 11, 25, 12, 0, 0, 123, 456, TimeSpan.Zero);

    [Fact]
    public void A_flight_starting_after_an_invalidation_at_the_same_instant_is_ordered_after_it()
    {
        var clock = new StampClock(new FakeTimeProvider(s_noon));

        var invalidation = clock.Now();
        var start = clock.FlightStart();

        Assert.True(start > invalidation, $"start {start} must be above the invalidation {invalidation}: its result may be stored");
    }

    [Fact]
    public void An_invalidation_after_a_flight_start_is_never_below_it_even_when_the_wall_clock_steps_back()
    {
        var time = new WallClock { UtcNow = s_noon };
        var clock = new StampClock(time);

        var start = clock.FlightStart();
        time.UtcNow = s_noon - TimeSpan.FromSeconds(5);
        var invalidation = clock.Now();

        Assert.True(invalidation >= start, $"invalidation {invalidation} below the start {start}: the race guard would store an old result");
    }

    [Fact]
    public void Starts_taken_in_the_same_millisecond_stay_below_every_later_stamp()
    {
        var time = new FakeTimeProvider(s_noon);
        var clock = new StampClock(time);
        var starts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            starts.Add(clock.FlightStart());
            time.Advance(TimeSpan.FromMicroseconds(100));
        }

        var invalidation = clock.Now();

        Assert.All(starts, start => Assert.True(invalidation >= start));
    }

    [Fact]
    public void A_start_lies_at_most_a_millisecond_and_the_uncertainty_before_now()
    {
        var time = new FakeTimeProvider(s_noon);
        var clock = new StampClock(time) { UncertaintyMicros = 10_000 };

        var start = clock.FlightStart();
        var now = clock.Estimate();

        Assert.InRange(now - start, 10_000, 11_000);
    }

    /// <summary>A wall clock that can be set back, as NTP may do (FakeTimeProvider refuses to go back).</summary>
    private sealed class WallClock : TimeProvider
    {
        public DateTimeOffset UtcNow { get; set; }

        public override DateTimeOffset GetUtcNow() => UtcNow;
    }
}
