using System.Collections.Concurrent;
using Cached.Tags;

namespace Cached.Engine;

/// <summary>
/// The running flights of this node, one per key: concurrent misses of a key join one flight, so its factory runs
/// once however many callers missed it.
/// </summary>
internal sealed class SingleFlight(StampClock clock)
{
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>The number of running flights.</summary>
    public int Count => _flights.Count;

    /// <summary>
    /// Joins the flight of <paramref name="key"/>, or starts one (then <paramref name="started"/> is true and the caller
    /// must run it). A key whose running flight produces another type gets a private flight, not coalesced. A many-key
    /// read starts its flights with <paramref name="mayEndWithoutValue"/>: its factory may return nothing for a key.
    /// </summary>
    /// <param name="key">The key missed.</param>
    /// <param name="started">Whether the caller started the flight and must run it.</param>
    /// <param name="mayEndWithoutValue">A many-key read's flight: its factory may return no value for the key.</param>
    /// <param name="cancellable">Whether the caller's wait can be cancelled; a flight it starts can cancel its factory only then.</param>
    public Flight<T> JoinOrStart<T>(string key, out bool started, bool mayEndWithoutValue = false, bool cancellable = true)
    {
        while (true)
        {
            if (_flights.TryGetValue(key, out var running))
            {
                if (running is not Flight<T> typed)
                {
                    started = true;
                    return new Flight<T>(owner: null, key, clock.FlightStart(), mayEndWithoutValue, cancellable);
                }

                if (typed.TryJoin())
                {
                    started = false;
                    return typed;
                }

                // Abandoned by all its waiters: it removes itself; help, then start afresh.
                Remove(typed);
                continue;
            }

            var flight = new Flight<T>(this, key, clock.FlightStart(), mayEndWithoutValue, cancellable);
            if (_flights.TryAdd(key, flight))
            {
                started = true;
                return flight;
            }
        }
    }

    /// <summary>Marks the running flight of <paramref name="key"/>, if any, so that it does not store its result.</summary>
    public void Invalidate(string key)
    {
        if (_flights.TryGetValue(key, out var running))
        {
            running.Invalidate();
        }
    }

    /// <summary>Marks every running flight so that none stores its result (after a period of missed invalidations).</summary>
    public void InvalidateAll()
    {
        foreach (var pair in _flights)
        {
            pair.Value.Invalidate();
        }
    }

    /// <summary>Removes <paramref name="flight"/> if it is still the flight of its key.</summary>
    public void Remove(Flight flight) => _flights.TryRemove(new KeyValuePair<string, Flight>(flight.Key, flight));
}
