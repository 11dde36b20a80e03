namespace Kingsnake.Core.Toml;

public enum TomlNodeKind
{
    Table,
    Array,
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
}

/// <summary>
/// A TOML value with the 1-based line and column where it starts. Readers need the line of each dependency
/// entry, which Tomlyn's plain model does not keep, so documents are built from its syntax tree into these.
/// </summary>
public sealed class TomlNode
{
    private Dictionary<string, TomlNode>? _members;
    private List<string>? _order;
    private List<TomlNode>? _items;

    private TomlNode(TomlNodeKind kind, int line, int column, string? text)
    {
        Kind = kind;
        Line = line;
        Column = column;
        Text = text;
    }

    public TomlNodeKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The decoded string of a string value; the literal text of other scalars; null for tables and arrays.</summary>
    public string? Text { get; }

    /// <summary>For a boolean: its value.</summary>
    public bool IsTrue => Kind == TomlNodeKind.Boolean && Text == "true";

    /// <summary>True for an array whose elements came from <c>[[header]]</c> sections.</summary>
    public bool IsArrayOfTables { get; private init; }

    /// <summary>A table opened by a <c>[header]</c> (may not be opened again).</summary>
    internal bool DefinedByHeader { get; set; }

    /// <summary>An inline table or a literal array: complete as written, not extendable by later headers or keys.</summary>
    internal bool Sealed { get; set; }

    /// <summary>Table members in document order.</summary>
    public IEnumerable<KeyValuePair<string, TomlNode>> Members
    {
        get
        {
            if (_order is null)
            {
                yield break;
            }

            foreach (var key in _order)
            {
                yield return new KeyValuePair<string, TomlNode>(key, _members![key]);
            }
        }
    }

    public int MemberCount => _order?.Count ?? 0;

    public IReadOnlyList<TomlNode> Items => (IReadOnlyList<TomlNode>?)_items ?? [];

    public static TomlNode NewTable(int line, int column) => new(TomlNodeKind.Table, line, column, null);

    public static TomlNode NewArray(int line, int column, bool ofTables = false) =>
        new(TomlNodeKind.Array, line, column, null) { IsArrayOfTables = ofTables };

    public static TomlNode NewScalar(TomlNodeKind kind, int line, int column, string text) => new(kind, line, column, text);

    public TomlNode? this[string key] => _members is not null && _members.TryGetValue(key, out var node) ? node : null;

    /// <summary>The member as a table, or null.</summary>
    public TomlNode? Table(string key) => this[key] is { Kind: TomlNodeKind.Table } table ? table : null;

    /// <summary>The member as an array, or null.</summary>
    public TomlNode? Array(string key) => this[key] is { Kind: TomlNodeKind.Array } array ? array : null;

    /// <summary>The member's string value, or null when absent or not a string.</summary>
    public string? String(string key) => this[key] is { Kind: TomlNodeKind.String } node ? node.Text : null;

    /// <summary>Follows a dotted path of table members (<c>tool</c>, <c>poetry</c>, ...).</summary>
    public TomlNode? Path(params ReadOnlySpan<string> keys)
    {
        var current = this;
        foreach (var key in keys)
        {
            current = current.Table(key);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    internal bool TryAddMember(string key, TomlNode value)
    {
        _members ??= new Dictionary<string, TomlNode>(StringComparer.Ordinal);
        _order ??= [];
        if (!_members.TryAdd(key, value))
        {
            return false;
        }

        _order.Add(key);
        return true;
    }

    internal void AddItem(TomlNode value) => (_items ??= []).Add(value);

    /// <summary>A literal array holding <paramref name="items"/> (for readers that filter an array they read).</summary>
    public static TomlNode NewArray(int line, int column, IEnumerable<TomlNode> items)
    {
        var array = NewArray(line, column);
        foreach (var item in items)
        {
            array.AddItem(item);
        }

        array.Sealed = true;
        return array;
    }

    public override string ToString() => Kind switch
    {
        TomlNodeKind.Table => $"table ({MemberCount} keys) at {Line}:{Column}",
        TomlNodeKind.Array => $"array ({Items.Count} items) at {Line}:{Column}",
        _ => $"{Kind} '{Text}' at {Line}:{Column}",
    };
}
