using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>How a <c>permissions:</c> block is written.</summary>
public enum PermissionsKind
{
    /// <summary><c>read-all</c>.</summary>
    ReadAll,

    /// <summary><c>write-all</c>.</summary>
    WriteAll,

    /// <summary>A mapping of scopes (possibly empty: <c>permissions: {}</c> grants nothing).</summary>
    Explicit,

    /// <summary>An expression or a value GitHub would reject.</summary>
    Other,
}

/// <summary>One scope of an explicit block, e.g. <c>contents: write</c>.</summary>
public sealed record PermissionScope(string Name, string Level, YamlScalar Key, YamlNode Value)
{
    public bool IsWrite => Level.Equals("write", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A <c>permissions:</c> block at workflow or job level.</summary>
public sealed record Permissions(PermissionsKind Kind, YamlScalar KeyNode, YamlNode Node, IReadOnlyList<PermissionScope> Scopes)
{
    internal static Permissions? Read(YamlMapping parent)
    {
        var key = parent.GetKey("permissions");
        if (key is null)
        {
            return null;
        }

        var node = parent.Get("permissions")!;
        switch (node)
        {
            case YamlScalar scalar when scalar.Value == "read-all":
                return new Permissions(PermissionsKind.ReadAll, key, node, []);
            case YamlScalar scalar when scalar.Value == "write-all":
                return new Permissions(PermissionsKind.WriteAll, key, node, []);
            case YamlMapping mapping:
                var scopes = mapping.Entries
                    .Select(e => new PermissionScope(e.Key.Value, (e.Value as YamlScalar)?.Value ?? "", e.Key, e.Value))
                    .ToList();
                return new Permissions(PermissionsKind.Explicit, key, node, scopes);
            default:
                return new Permissions(PermissionsKind.Other, key, node, []);
        }
    }
}
