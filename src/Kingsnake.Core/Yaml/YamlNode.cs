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
    public YamlNode? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The key node for <paramref name="key"/>, or null.</summary>
    public YamlScalar? GetKey(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
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
