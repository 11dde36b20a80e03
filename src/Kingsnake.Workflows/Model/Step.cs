using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>A step of a job or of a composite action: either <c>uses:</c> an action or <c>run:</c>s a script.</summary>
public sealed class Step
{
    private Step(int index, YamlMapping node)
    {
        Index = index;
        Node = node;
        Id = node.GetString("id");
        Name = YamlShape.OptionalScalar(node, "name", "a step's name");
        If = node.Get("if") as YamlScalar;
        UsesNode = YamlShape.OptionalScalar(node, "uses", "'uses:'");
        Uses = UsesNode is { IsNull: false } uses ? UsesReference.Parse(uses.Value) : null;
        Run = YamlShape.OptionalScalar(node, "run", "'run:'");
        Shell = node.GetString("shell");
        // `with: ${{ fromJSON(...) }}` is accepted by GitHub; the inputs are then unknown (obfuscation reports it)
        With = node.Get("with") is YamlScalar { IsNull: false } withScalar && withScalar.Value.Contains("${{", StringComparison.Ordinal)
            ? null
            : YamlShape.OptionalMapping(node, "with", "a step's 'with:'");
        Env = EnvBlock.Read(node);
        WorkingDirectory = node.Get("working-directory") as YamlScalar;
    }

    /// <summary>0-based position in the job's or action's step list.</summary>
    public int Index { get; }

    public YamlMapping Node { get; }

    public string? Id { get; }

    public YamlScalar? Name { get; }

    public YamlScalar? If { get; }

    public YamlScalar? UsesNode { get; }

    public UsesReference? Uses { get; }

    public YamlScalar? Run { get; }

    public string? Shell { get; }

    public YamlMapping? With { get; }

    public EnvBlock? Env { get; }

    public YamlScalar? WorkingDirectory { get; }

    /// <summary>
    /// A short human name for messages: the step's name, id, uses, the first line of its script, or its position.
    /// Computed once, as every finding names its step: a long script must not be copied per finding.
    /// </summary>
    public string DisplayName => field ??= Name?.Value ?? Id ?? Uses?.Raw ?? FirstLine(Run?.Value) ?? $"step {Index + 1}";

    private static string? FirstLine(string? script)
    {
        var rest = script.AsSpan().TrimStart();
        var newline = rest.IndexOf('\n');
        var line = (newline < 0 ? rest : rest[..newline]).Trim();
        return line.IsEmpty ? null : line.Length > 60 ? string.Concat(line[..57], "...") : line.ToString();
    }

    /// <summary>The scalar under <c>with.&lt;input&gt;</c>, or null.</summary>
    public YamlScalar? Input(string name) => With?.Get(name) as YamlScalar;

    internal static IReadOnlyList<Step> ReadAll(YamlSequence? steps)
    {
        if (steps is null)
        {
            return [];
        }

        var result = new List<Step>(steps.Count);
        foreach (var item in steps.Items)
        {
            if (item is not YamlMapping mapping)
            {
                throw YamlShape.Wrong(item, "each step must be a mapping");
            }

            result.Add(new Step(result.Count, mapping));
        }

        return result;
    }
}
