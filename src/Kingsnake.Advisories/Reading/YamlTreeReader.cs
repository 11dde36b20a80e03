using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Advisories.Reading;

/// <summary>
/// Reads one YAML advisory into an <see cref="OsvNode"/> tree through the shared loader (<see cref="YamlDocument"/>),
/// so that its size, depth and alias-expansion limits apply here as to every other YAML file. Every scalar stays a
/// string. A node an alias reaches twice is converted once and shared, so the cost stays that of the text.
/// </summary>
internal static class YamlTreeReader
{
    public static OsvNode Read(string text)
    {
        var document = YamlDocument.Parse(text);
        if (document.Root is null)
        {
            throw new InputFormatException("empty YAML document", 1, 1);
        }

        return Convert(document.Root, new Dictionary<YamlNode, OsvNode>(ReferenceEqualityComparer.Instance));
    }

    // Recursion is bounded by the loader's depth limit.
    private static OsvNode Convert(YamlNode node, Dictionary<YamlNode, OsvNode> converted)
    {
        if (converted.TryGetValue(node, out var done))
        {
            return done;
        }

        OsvNode result;
        switch (node)
        {
            case YamlScalar scalar:
                result = new ScalarNode(scalar.Value, scalar.IsNull, scalar.Start.Line, scalar.Start.Column);
                break;
            case YamlSequence sequence:
                {
                    var list = new SequenceNode(sequence.Start.Line, sequence.Start.Column);
                    foreach (var item in sequence.Items)
                    {
                        list.Items.Add(Convert(item, converted));
                    }

                    result = list;
                    break;
                }

            default:
                {
                    var mapping = (YamlMapping)node;
                    var map = new MappingNode(mapping.Start.Line, mapping.Start.Column);
                    foreach (var (key, value) in mapping.Entries)
                    {
                        map.Entries.Add(new(key.Value, Convert(value, converted)));
                    }

                    result = map;
                    break;
                }
        }

        converted[node] = result;
        return result;
    }
}
