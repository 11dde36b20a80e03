using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>What every job has, whether it runs steps or calls a reusable workflow.</summary>
public abstract class Job
{
    private protected Job(string id, YamlScalar idNode, YamlMapping node)
    {
        Id = id;
        IdNode = idNode;
        Node = node;
        Name = node.Get("name") as YamlScalar;
        If = node.Get("if") as YamlScalar;
        Needs = YamlShape.Strings(node.Get("needs"));
        Permissions = Permissions.Read(node);
        Environment = node.Get("environment");
        Concurrency = node.Get("concurrency");
        Strategy = node.Get("strategy") as YamlMapping;
    }

    public string Id { get; }

    public YamlScalar IdNode { get; }

    public YamlMapping Node { get; }

    public YamlScalar? Name { get; }

    public YamlScalar? If { get; }

    public IReadOnlyList<string> Needs { get; }

    public Permissions? Permissions { get; }

    /// <summary><c>environment:</c> as written (a name, or a mapping with <c>name</c> and <c>url</c>).</summary>
    public YamlNode? Environment { get; }

    public YamlNode? Concurrency { get; }

    public YamlMapping? Strategy { get; }

    public YamlNode? Matrix => Strategy?.Get("matrix");

    internal static Job Read(YamlScalar idNode, YamlNode value)
    {
        if (value is not YamlMapping mapping)
        {
            throw YamlShape.Wrong(value, $"job '{idNode.Value}' must be a mapping");
        }

        return mapping.Get("uses") is not null
            ? new ReusableWorkflowCallJob(idNode.Value, idNode, mapping)
            : new NormalJob(idNode.Value, idNode, mapping);
    }
}

/// <summary>A job that runs steps on a runner.</summary>
public sealed class NormalJob : Job
{
    internal NormalJob(string id, YamlScalar idNode, YamlMapping node)
        : base(id, idNode, node)
    {
        RunsOn = node.Get("runs-on");
        Container = Container.Read(null, node.Get("container"));
        var services = YamlShape.OptionalMapping(node, "services", "'services:'");
        Services = services is null ? [] : [.. services.Entries.Select(e => Container.Read(e.Key.Value, e.Value)).OfType<Container>()];
        Steps = Step.ReadAll(YamlShape.OptionalSequence(node, "steps", "'steps:'"));
        Env = EnvBlock.Read(node);
        Outputs = node.Get("outputs") as YamlMapping;
    }

    public YamlNode? RunsOn { get; }

    public Container? Container { get; }

    public IReadOnlyList<Container> Services { get; }

    public IReadOnlyList<Step> Steps { get; }

    public EnvBlock? Env { get; }

    public YamlMapping? Outputs { get; }
}

/// <summary>A job that calls a reusable workflow (<c>jobs.&lt;id&gt;.uses</c>).</summary>
public sealed class ReusableWorkflowCallJob : Job
{
    internal ReusableWorkflowCallJob(string id, YamlScalar idNode, YamlMapping node)
        : base(id, idNode, node)
    {
        UsesNode = YamlShape.OptionalScalar(node, "uses", "a job's 'uses:'")!;
        Uses = UsesReference.Parse(UsesNode.Value);
        With = YamlShape.OptionalMapping(node, "with", "a job's 'with:'");
        SecretsKey = node.GetKey("secrets");
        var secrets = node.Get("secrets");
        InheritsSecrets = secrets is YamlScalar { Value: "inherit" };
        Secrets = secrets as YamlMapping;
    }

    public YamlScalar UsesNode { get; }

    public UsesReference Uses { get; }

    public YamlMapping? With { get; }

    public YamlScalar? SecretsKey { get; }

    /// <summary>True for <c>secrets: inherit</c>: every secret of the caller is passed on.</summary>
    public bool InheritsSecrets { get; }

    /// <summary>Secrets passed by name, when given as a mapping.</summary>
    public YamlMapping? Secrets { get; }
}
