namespace Kingsnake.Advisories.Reading;

/// <summary>
/// A format-neutral document tree (YAML and JSON both read into it) that remembers where each node starts,
/// so that one record parser reports "line 12: 'events' must be a list" for either format.
/// Scalars stay strings whatever they look like (a YAML 1.1 timestamp is text, not a date).
/// </summary>
internal abstract class OsvNode
{
    // YAML gives line and column directly; JSON nodes keep a byte offset that is turned into a line and a
    // UTF-16 column only when an error needs it (minified JSON is one long line: no per-token column work).
    private readonly int _lineOrOffset;
    private readonly int _column;
    private readonly INodeLocator? _locator;

    protected OsvNode(int line, int column)
    {
        _lineOrOffset = line;
        _column = column;
    }

    protected OsvNode(INodeLocator locator, int offset)
    {
        _locator = locator;
        _lineOrOffset = offset;
    }

    public int Line => _locator is null ? _lineOrOffset : _locator.Locate(_lineOrOffset).Line;

    public int Column => _locator is null ? _column : _locator.Locate(_lineOrOffset).Column;

    public abstract string Kind { get; }
}

internal interface INodeLocator
{
    (int Line, int Column) Locate(int offset);
}

internal sealed class ScalarNode : OsvNode
{
    public ScalarNode(string value, bool isNull, int line, int column)
        : base(line, column)
    {
        Value = value;
        IsNull = isNull;
    }

    public ScalarNode(string value, bool isNull, INodeLocator locator, int offset)
        : base(locator, offset)
    {
        Value = value;
        IsNull = isNull;
    }

    public string Value { get; }

    /// <summary>JSON <c>null</c>, or a plain YAML <c>null</c>/<c>~</c>/empty scalar.</summary>
    public bool IsNull { get; }

    public override string Kind => IsNull ? "null" : "a scalar";
}

internal sealed class MappingNode : OsvNode
{
    public MappingNode(int line, int column)
        : base(line, column)
    {
    }

    public MappingNode(INodeLocator locator, int offset)
        : base(locator, offset)
    {
    }

    public List<KeyValuePair<string, OsvNode>> Entries { get; } = [];

    public override string Kind => "a mapping";

    public OsvNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public bool ContainsKey(string key) => Get(key) is not null;
}

internal sealed class SequenceNode : OsvNode
{
    public SequenceNode(int line, int column)
        : base(line, column)
    {
    }

    public SequenceNode(INodeLocator locator, int offset)
        : base(locator, offset)
    {
    }

    public List<OsvNode> Items { get; } = [];

    public override string Kind => "a list";
}
