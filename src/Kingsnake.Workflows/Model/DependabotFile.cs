using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>One entry of <c>updates:</c> in <c>.github/dependabot.yml</c>.</summary>
public sealed record DependabotUpdate(YamlMapping Node, string? Ecosystem, YamlNode? Cooldown, YamlScalar? InsecureExternalCodeExecution)
{
    /// <summary><c>cooldown.default-days</c>, or null when absent.</summary>
    public YamlScalar? DefaultDays => (Cooldown as YamlMapping)?.Get("default-days") as YamlScalar;
}

/// <summary>A parsed Dependabot v2 configuration (<c>.github/dependabot.yml</c>).</summary>
public sealed class DependabotFile
{
    private DependabotFile(string path, YamlDocument document, YamlMapping root)
    {
        Path = path;
        Document = document;
        Root = root;
        var updates = YamlShape.OptionalSequence(root, "updates", "'updates:'");
        Updates = updates is null ? [] : [.. updates.Items.Select(Read)];
    }

    public string Path { get; }

    public YamlDocument Document { get; }

    public YamlMapping Root { get; }

    public IReadOnlyList<DependabotUpdate> Updates { get; }

    public static DependabotFile Parse(string path, string text, YamlLimits? limits = null)
    {
        var document = YamlDocument.Parse(text, limits);
        return document.Root switch
        {
            YamlMapping root => new DependabotFile(path, document, root),
            null => throw new InputFormatException("the Dependabot configuration is empty"),
            var other => throw YamlShape.Wrong(other, "dependabot.yml must be a mapping at the top level"),
        };
    }

    private static DependabotUpdate Read(YamlNode item) => item is YamlMapping mapping
        ? new DependabotUpdate(mapping, mapping.GetString("package-ecosystem"), mapping.Get("cooldown"), mapping.Get("insecure-external-code-execution") as YamlScalar)
        : throw YamlShape.Wrong(item, "each entry of 'updates:' must be a mapping");
}
