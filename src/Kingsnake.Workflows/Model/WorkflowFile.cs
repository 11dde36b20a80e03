using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>A parsed GitHub Actions workflow (<c>.github/workflows/*.yml</c>).</summary>
public sealed class WorkflowFile
{
    private WorkflowFile(string path, YamlDocument document, YamlMapping root)
    {
        Path = path;
        Document = document;
        Root = root;
        Name = root.Get("name") as YamlScalar;
        OnKey = root.GetKey("on");
        Triggers = Trigger.ReadAll(root.Get("on"));
        Permissions = Permissions.Read(root);
        Env = EnvBlock.Read(root);
        Concurrency = root.Get("concurrency");
        var jobs = YamlShape.OptionalMapping(root, "jobs", "'jobs:'");
        Jobs = jobs is null ? [] : [.. jobs.Entries.Select(e => Job.Read(e.Key, e.Value))];
    }

    /// <summary>Path relative to the project root, '/'-separated.</summary>
    public string Path { get; }

    public YamlDocument Document { get; }

    public SourceText Source => Document.Source;

    public YamlMapping Root { get; }

    public YamlScalar? Name { get; }

    public YamlScalar? OnKey { get; }

    public IReadOnlyList<Trigger> Triggers { get; }

    public Permissions? Permissions { get; }

    public EnvBlock? Env { get; }

    public YamlNode? Concurrency { get; }

    public IReadOnlyList<Job> Jobs { get; }

    public Trigger? GetTrigger(string name) => Triggers.FirstOrDefault(t => t.Name == name);

    public bool HasTrigger(string name) => GetTrigger(name) is not null;

    /// <summary>True when the only trigger is <c>workflow_call</c>: the caller decides permissions and events.</summary>
    public bool IsReusableOnly => Triggers.Count > 0 && Triggers.All(t => t.Name == "workflow_call");

    /// <summary>Parses a workflow; malformed YAML or a wrong shape throws <see cref="InputFormatException"/> with the line.</summary>
    public static WorkflowFile Parse(string path, string text, YamlLimits? limits = null)
    {
        var document = YamlDocument.Parse(text, limits);
        return document.Root switch
        {
            YamlMapping root => new WorkflowFile(path, document, root),
            null => throw new InputFormatException("the workflow file is empty"),
            var other => throw YamlShape.Wrong(other, "a workflow must be a mapping at the top level"),
        };
    }
}
