using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>An <c>env:</c> block: a mapping of variables, or (rarely) one expression that yields the mapping.</summary>
public sealed record EnvBlock(YamlScalar KeyNode, YamlNode Node)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Variables => Node is YamlMapping mapping ? mapping.Entries : [];

    /// <summary>True when the whole block is an expression (<c>env: ${{ fromJSON(...) }}</c>).</summary>
    public bool IsExpression => Node is YamlScalar { IsNull: false };

    public YamlNode? Get(string name) => (Node as YamlMapping)?.Get(name);

    internal static EnvBlock? Read(YamlMapping parent) =>
        parent.GetKey("env") is { } key ? new EnvBlock(key, parent.Get("env")!) : null;
}
