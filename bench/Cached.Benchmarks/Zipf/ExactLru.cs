namespace Cached.Benchmarks.Zipf;

/// <summary>
/// An exact least-recently-used cache under one lock: the reference hit ratio of recency alone. A simulation for the
/// hit-ratio table, not a candidate L1 (one lock serialises every hit).
/// </summary>
public sealed class ExactLru<TValue>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _nodes = new(capacity + 1, StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _recency = new();
    private readonly Lock _lock = new();

    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Value;
            }

            var value = factory(key);
            _nodes[key] = _recency.AddFirst((key, value));
            if (_nodes.Count > capacity)
            {
                _nodes.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }

            return value;
        }
    }
}
