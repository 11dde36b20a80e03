using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>Visits every scalar value of a document once (aliases are followed once, not per reference).</summary>
internal static class DocumentWalker
{
    /// <summary>Each value scalar with the key it sits under (null for list items and the root).</summary>
    public static IEnumerable<(string? Key, YamlScalar Value)> Values(YamlNode? root)
    {
        if (root is null)
        {
            yield break;
        }

        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(string?, YamlNode)>();
        stack.Push((null, root));
        while (stack.Count > 0)
        {
            var (key, node) = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            switch (node)
            {
                case YamlScalar scalar:
                    yield return (key, scalar);
                    break;
                case YamlMapping mapping:
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        stack.Push((mapping.Entries[i].Key.Value, mapping.Entries[i].Value));
                    }

                    break;
                case YamlSequence sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push((null, sequence.Items[i]));
                    }

                    break;
            }
        }
    }
}
