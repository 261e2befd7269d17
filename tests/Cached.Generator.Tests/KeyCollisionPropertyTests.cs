using System.Text;
using Cached.Generated;

namespace Cached.Generator.Tests;

/// <summary>
/// Keys are injective: random argument lists of one method (strings full of separators, escapes, group markers and
/// Unicode, nulls, nested records, lists and sets) never share a key unless they are equal.
/// </summary>
public sealed class KeyCollisionPropertyTests
{
    private const int Iterations = 120_000;

    /// <summary>The parameter lists of a few methods: the generator writes each type's form as <see cref="Write"/> does.</summary>
    private static readonly Shape[][] s_methods =
    [
        [Shape.String, Shape.String],
        [Shape.String, Shape.Char, Shape.String, Shape.Int],
        [Shape.SequenceOf(Shape.String), Shape.String],
        [Shape.SequenceOf(Shape.SequenceOf(Shape.String)), Shape.SequenceOf(Shape.String)],
        [Shape.RecordOf(Shape.String, Shape.Bool, Shape.String), Shape.String],
        [Shape.SetOf(Shape.String), Shape.SequenceOf(Shape.RecordOf(Shape.String, Shape.Int))],
        [Shape.RecordOf(Shape.SequenceOf(Shape.Char), Shape.RecordOf(Shape.String)), Shape.SetOf(Shape.Int), Shape.String],
    ];

    private static readonly string[] s_alphabet =
        ["|", "\\", "\\0", "0", "[", "]", "\\[", "|\\]", "a", "é", "\u0000", "😀", "\ud800", "ß", " ", ",", "\n"];

    [Fact]
    public void Distinct_argument_lists_never_share_a_key()
    {
        var random = new Random(20261125);
        var seen = new Dictionary<string, string>[s_methods.Length];
        for (var m = 0; m < seen.Length; m++)
        {
            seen[m] = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var distinct = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var method = i % s_methods.Length;
            var arguments = s_methods[method].Select(shape => Generate(shape, random, depth: 0)).ToArray();
            var canonical = string.Join(";", arguments.Select(Canonical));
            var key = Key("Shop.Search.Find#00000000", s_methods[method], arguments);
            if (seen[method].TryGetValue(key, out var earlier))
            {
                Assert.True(earlier == canonical, $"Two argument lists share the key {key}:\n{earlier}\n{canonical}");
            }
            else
            {
                seen[method].Add(key, canonical);
                distinct++;
            }
        }

        // The small alphabet makes many lists repeat, but most are new: the property was exercised broadly.
        Assert.True(distinct > Iterations / 2, $"Only {distinct} distinct argument lists.");
    }

    [Fact]
    public void A_set_keys_the_same_whatever_its_iteration_order()
    {
        Shape[] method = [Shape.SetOf(Shape.String)];
        var forward = Key("p", method, [Set("b", "a|", "\\c")]);
        var backward = Key("p", method, [Set("\\c", "a|", "b")]);

        Assert.Equal(forward, backward);
    }

    private static Value Set(params string[] elements) =>
        new(null, elements.Select(e => (object?)new Value(e, null)).ToList(), IsSet: true);

    private static string Key(string prefix, Shape[] shapes, Value[] arguments)
    {
        var key = new CacheKeyBuilder(stackalloc char[64], prefix);
        try
        {
            for (var i = 0; i < shapes.Length; i++)
            {
                Write(ref key, shapes[i], arguments[i]);
            }

            return key.ToString();
        }
        finally
        {
            key.Dispose();
        }
    }

    /// <summary>The calls the generated code makes for a value of <paramref name="shape"/>.</summary>
    private static void Write(ref CacheKeyBuilder key, Shape shape, Value value)
    {
        switch (shape.Kind)
        {
            case Kind.String:
                key.Append((string?)value.Scalar);
                return;
            case Kind.Char:
                key.Append((char)value.Scalar!);
                return;
            case Kind.Int:
                key.Append((int)value.Scalar!);
                return;
            case Kind.Bool:
                key.Append((bool)value.Scalar!);
                return;
        }

        if (value.Items is null)
        {
            key.AppendNull();
            return;
        }

        if (shape.Kind == Kind.Set)
        {
            var elements = new List<string>();
            foreach (var item in value.Items)
            {
                var element = CacheKeyBuilder.ForElement();
                try
                {
                    Write(ref element, shape.Children[0], (Value)item!);
                    elements.Add(element.ToString());
                }
                finally
                {
                    element.Dispose();
                }
            }

            key.AppendSortedGroup(elements);
            return;
        }

        key.BeginGroup();
        for (var i = 0; i < value.Items.Count; i++)
        {
            Write(ref key, shape.Kind == Kind.Record ? shape.Children[i] : shape.Children[0], (Value)value.Items[i]!);
        }

        key.EndGroup();
    }

    private static Value Generate(Shape shape, Random random, int depth)
    {
        switch (shape.Kind)
        {
            case Kind.String:
                return new Value(random.Next(8) == 0 ? null : Text(random), null);
            case Kind.Char:
                return new Value(Text(random, 1).FirstOrDefault('|'), null);
            case Kind.Int:
                return new Value(random.Next(-3, 12), null);
            case Kind.Bool:
                return new Value(random.Next(2) == 1, null);
        }

        if (random.Next(6) == 0)
        {
            return new Value(null, null, shape.Kind == Kind.Set);
        }

        if (shape.Kind == Kind.Record)
        {
            return new Value(null, shape.Children.Select(c => (object?)Generate(c, random, depth + 1)).ToList());
        }

        var count = random.Next(depth > 1 ? 2 : 4);
        var items = Enumerable.Range(0, count).Select(_ => Generate(shape.Children[0], random, depth + 1)).ToList();
        if (shape.Kind == Kind.Set)
        {
            items = items.DistinctBy(Canonical).ToList();
        }

        return new Value(null, items.Cast<object?>().ToList(), shape.Kind == Kind.Set);
    }

    private static string Text(Random random, int maxParts = 3)
    {
        var text = new StringBuilder();
        for (var parts = random.Next(maxParts + 1); parts > 0; parts--)
        {
            text.Append(s_alphabet[random.Next(s_alphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>An unambiguous text of a value (lengths before contents); a set's elements sorted.</summary>
    private static string Canonical(Value value)
    {
        if (value.Items is null)
        {
            return value.Scalar switch
            {
                null => "N",
                string s => "S" + s.Length + ":" + s,
                var scalar => "V" + Convert.ToString(scalar, System.Globalization.CultureInfo.InvariantCulture)!.Length + ":" + scalar,
            };
        }

        var items = value.Items.Select(i => Canonical((Value)i!));
        if (value.IsSet)
        {
            items = items.Order(StringComparer.Ordinal);
        }

        var list = items.ToList();
        return "G" + list.Count + "(" + string.Join("", list.Select(i => i.Length + ":" + i)) + ")";
    }

    private enum Kind { String, Char, Int, Bool, Sequence, Set, Record }

    private sealed record Shape(Kind Kind, Shape[] Children)
    {
        public static readonly Shape String = new(Kind.String, []);
        public static readonly Shape Char = new(Kind.Char, []);
        public static readonly Shape Int = new(Kind.Int, []);
        public static readonly Shape Bool = new(Kind.Bool, []);

        public static Shape SequenceOf(Shape element) => new(Kind.Sequence, [element]);

        public static Shape SetOf(Shape element) => new(Kind.Set, [element]);

        public static Shape RecordOf(params Shape[] members) => new(Kind.Record, members);
    }

    /// <summary>A scalar, or (when <see cref="Items"/> is set) a group; a null group has neither.</summary>
    private sealed record Value(object? Scalar, List<object?>? Items, bool IsSet = false);
}
