using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>How an action runs (<c>runs.using</c>).</summary>
public enum ActionKind
{
    Composite,
    JavaScript,
    Docker,
    Unknown,
}

/// <summary>A parsed action definition (<c>action.yml</c> / <c>action.yaml</c>).</summary>
public sealed class ActionFile
{
    private ActionFile(string path, YamlDocument document, YamlMapping root)
    {
        Path = path;
        Document = document;
        Root = root;
        Name = root.Get("name") as YamlScalar;
        Inputs = WorkflowInput.ReadAll(YamlShape.OptionalMapping(root, "inputs", "'inputs:'"));
        Runs = YamlShape.OptionalMapping(root, "runs", "'runs:'");
        Using = Runs?.GetString("using");
        Kind = Using?.ToLowerInvariant() switch
        {
            "composite" => ActionKind.Composite,
            "docker" => ActionKind.Docker,
            { } node when node.StartsWith("node", StringComparison.Ordinal) => ActionKind.JavaScript,
            _ => ActionKind.Unknown,
        };
        Steps = Kind == ActionKind.Composite && Runs is not null ? Step.ReadAll(YamlShape.OptionalSequence(Runs, "steps", "'runs.steps:'")) : [];
        Image = Runs?.Get("image") as YamlScalar;
        Main = Runs?.Get("main") as YamlScalar;
        Env = Runs is null ? null : EnvBlock.Read(Runs);
    }

    public string Path { get; }

    public YamlDocument Document { get; }

    public SourceText Source => Document.Source;

    public YamlMapping Root { get; }

    public YamlScalar? Name { get; }

    public IReadOnlyList<WorkflowInput> Inputs { get; }

    public YamlMapping? Runs { get; }

    public string? Using { get; }

    public ActionKind Kind { get; }

    /// <summary>Steps of a composite action; empty for other kinds.</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>A Docker action's image (<c>Dockerfile</c> or <c>docker://…</c>).</summary>
    public YamlScalar? Image { get; }

    /// <summary>A JavaScript action's entry point.</summary>
    public YamlScalar? Main { get; }

    /// <summary>A Docker action's <c>runs.env</c>.</summary>
    public EnvBlock? Env { get; }

    public static ActionFile Parse(string path, string text, YamlLimits? limits = null)
    {
        var document = YamlDocument.Parse(text, limits);
        return document.Root switch
        {
            YamlMapping root => new ActionFile(path, document, root),
            null => throw new InputFormatException("the action file is empty"),
            var other => throw YamlShape.Wrong(other, "an action must be a mapping at the top level"),
        };
    }
}
