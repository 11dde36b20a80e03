using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>Shape checks used while building the typed models: a wrong shape is an input error at that node.</summary>
internal static class YamlShape
{
    public static YamlMapping? OptionalMapping(YamlMapping parent, string key, string what)
    {
        var node = parent.Get(key);
        return node switch
        {
            null => null,
            YamlMapping mapping => mapping,
            YamlScalar { IsNull: true } => null,
            _ => throw Wrong(node, $"{what} must be a mapping"),
        };
    }

    public static YamlSequence? OptionalSequence(YamlMapping parent, string key, string what)
    {
        var node = parent.Get(key);
        return node switch
        {
            null => null,
            YamlSequence sequence => sequence,
            YamlScalar { IsNull: true } => null,
            _ => throw Wrong(node, $"{what} must be a list"),
        };
    }

    public static YamlScalar? OptionalScalar(YamlMapping parent, string key, string what)
    {
        var node = parent.Get(key);
        return node switch
        {
            null => null,
            YamlScalar scalar => scalar,
            _ => throw Wrong(node, $"{what} must be a single value"),
        };
    }

    public static InputFormatException Wrong(YamlNode node, string message) => new(message, node.Start.Line, node.Start.Column);

    /// <summary>A scalar or a list of scalars, as strings (e.g. <c>needs:</c>, <c>branches:</c>).</summary>
    public static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        YamlScalar { IsNull: false } scalar => [scalar.Value],
        YamlSequence sequence => [.. sequence.Items.OfType<YamlScalar>().Select(s => s.Value)],
        _ => [],
    };
}
