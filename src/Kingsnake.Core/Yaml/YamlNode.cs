namespace Kingsnake.Core.Yaml;

/// <summary>A position in the source text: 1-based line and column (UTF-16 units), 0-based character offset.</summary>
public readonly record struct YamlPosition(int Line, int Column, int Offset)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>How a scalar was written; block scalars and quotes change how the value maps onto the source.</summary>
public enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>
/// A node of a parsed YAML document with the source span it came from. Aliases resolve to the anchored node
/// itself (shared, never copied), so an alias's span is the anchor's.
/// </summary>
public abstract class YamlNode
{
    private protected YamlNode(YamlPosition start, YamlPosition end)
    {
        Start = start;
        End = end;
    }

    public YamlPosition Start { get; }

    /// <summary>Exclusive end of the node.</summary>
    public YamlPosition End { get; }

    /// <summary>
    /// How many nodes a full walk of this subtree visits, counting every alias expansion. The reader caps the
    /// document's total so that walks of hostile documents ("billion laughs") stay bounded.
    /// </summary>
    public long Weight { get; private protected set; } = 1;
}

public sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, YamlScalarStyle style, YamlPosition start, YamlPosition end)
        : base(start, end)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }

    public YamlScalarStyle Style { get; }

    /// <summary>What <see cref="ScalarLocator"/> learns about this scalar once, so that locating many ranges in it stays linear.</summary>
    internal ScalarLayout Layout => field ??= new ScalarLayout(Value);

    /// <summary>A plain scalar that YAML reads as null (<c>~</c>, <c>null</c> or nothing at all).</summary>
    public bool IsNull => Style == YamlScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool IsBlock => Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded;

    /// <summary>YAML 1.2 core-schema boolean reading (what GitHub uses): true/false in their three spellings.</summary>
    public bool? AsBoolean() => Style != YamlScalarStyle.Plain ? null : Value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public override string ToString() => Value;
}

public sealed class YamlMapping : YamlNode
{
    private readonly List<KeyValuePair<YamlScalar, YamlNode>> _entries;
    private Dictionary<string, int>? _exact;
    private Dictionary<string, int>? _ignoringCase;

    internal YamlMapping(List<KeyValuePair<YamlScalar, YamlNode>> entries, YamlPosition start, YamlPosition end)
        : base(start, end)
    {
        _entries = entries;
        long weight = 1;
        foreach (var (key, value) in entries)
        {
            weight += 1 + value.Weight;
        }

        Weight = weight;
    }

    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>The value under <paramref name="key"/> (exact, case-sensitive as GitHub reads keys), or null.</summary>
    public YamlNode? Get(string key) => IndexOf(key, ignoreCase: false) is var i and >= 0 ? _entries[i].Value : null;

    /// <summary>The key node for <paramref name="key"/>, or null.</summary>
    public YamlScalar? GetKey(string key) => IndexOf(key, ignoreCase: false) is var i and >= 0 ? _entries[i].Key : null;

    /// <summary>The first entry whose key equals <paramref name="key"/> ignoring case (as the <c>env</c> context reads names), or null.</summary>
    public KeyValuePair<YamlScalar, YamlNode>? GetIgnoringCase(string key) => IndexOf(key, ignoreCase: true) is var i and >= 0 ? _entries[i] : null;

    /// <summary>
    /// The index of the first entry with the key, or -1. Small mappings are searched in order; large ones (an
    /// <c>env:</c> of thousands of variables, looked up once per expression) through an index built on first use.
    /// </summary>
    private int IndexOf(string key, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (_entries.Count <= 16)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key.Value.Equals(key, comparison))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = ignoreCase ? _ignoringCase ??= BuildIndex(StringComparer.OrdinalIgnoreCase) : _exact ??= BuildIndex(StringComparer.Ordinal);
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    private Dictionary<string, int> BuildIndex(StringComparer comparer)
    {
        var index = new Dictionary<string, int>(_entries.Count, comparer);
        for (var i = 0; i < _entries.Count; i++)
        {
            index.TryAdd(_entries[i].Key.Value, i); // the first of duplicate keys wins, as in a search in order
        }

        return index;
    }

    public YamlScalar? GetScalar(string key) => Get(key) as YamlScalar;

    public YamlMapping? GetMapping(string key) => Get(key) as YamlMapping;

    public YamlSequence? GetSequence(string key) => Get(key) as YamlSequence;

    /// <summary>The scalar text under <paramref name="key"/>, or null when absent, null or not a scalar.</summary>
    public string? GetString(string key) => GetScalar(key) is { IsNull: false } scalar ? scalar.Value : null;
}

public sealed class YamlSequence : YamlNode
{
    private readonly List<YamlNode> _items;

    internal YamlSequence(List<YamlNode> items, YamlPosition start, YamlPosition end)
        : base(start, end)
    {
        _items = items;
        long weight = 1;
        foreach (var item in items)
        {
            weight += item.Weight;
        }

        Weight = weight;
    }

    public IReadOnlyList<YamlNode> Items => _items;

    public int Count => _items.Count;
}
