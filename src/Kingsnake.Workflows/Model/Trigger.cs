using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>An input declared by <c>workflow_dispatch</c> or <c>workflow_call</c> (or an action's <c>inputs:</c>).</summary>
public sealed record WorkflowInput(string Name, string? Type, YamlScalar KeyNode, YamlMapping? Node)
{
    /// <summary>
    /// True when the declared type only admits values an attacker cannot shape into code
    /// (boolean, number, choice, environment); string and undeclared types are free text.
    /// </summary>
    public bool IsConstrained => Type is "boolean" or "number" or "choice" or "environment";

    internal static IReadOnlyList<WorkflowInput> ReadAll(YamlMapping? inputs) =>
        inputs is null ? [] : [.. inputs.Entries.Select(e => new WorkflowInput(e.Key.Value, (e.Value as YamlMapping)?.GetString("type"), e.Key, e.Value as YamlMapping))];
}

/// <summary>One event under <c>on:</c>, with its filters when it has any.</summary>
public sealed record Trigger(string Name, YamlScalar NameNode, YamlMapping? Config)
{
    public IReadOnlyList<string> Branches => YamlShape.Strings(Config?.Get("branches"));

    public IReadOnlyList<string> BranchesIgnore => YamlShape.Strings(Config?.Get("branches-ignore"));

    public IReadOnlyList<string> Tags => YamlShape.Strings(Config?.Get("tags"));

    public IReadOnlyList<string> TagsIgnore => YamlShape.Strings(Config?.Get("tags-ignore"));

    public IReadOnlyList<string> Paths => YamlShape.Strings(Config?.Get("paths"));

    /// <summary>Activity types (<c>types: [opened, synchronize]</c>); empty means GitHub's default set.</summary>
    public IReadOnlyList<string> Types => YamlShape.Strings(Config?.Get("types"));

    /// <summary>Workflows a <c>workflow_run</c> trigger listens to.</summary>
    public IReadOnlyList<string> Workflows => YamlShape.Strings(Config?.Get("workflows"));

    /// <summary>Declared inputs of <c>workflow_dispatch</c> and <c>workflow_call</c>.</summary>
    public IReadOnlyList<WorkflowInput> Inputs => WorkflowInput.ReadAll(Config?.GetMapping("inputs"));

    /// <summary>Declared secrets of <c>workflow_call</c>.</summary>
    public IReadOnlyList<string> Secrets => Config?.GetMapping("secrets") is { } secrets ? [.. secrets.Entries.Select(e => e.Key.Value)] : [];

    /// <summary>
    /// Reads <c>on:</c> in its three forms: one event name, a list of names, or a mapping of names to filters.
    /// The key is the literal string "on": our YAML model does not apply YAML 1.1's boolean reading, which is
    /// how GitHub reads it too.
    /// </summary>
    internal static IReadOnlyList<Trigger> ReadAll(YamlNode? on)
    {
        switch (on)
        {
            case null:
                return [];
            case YamlScalar { IsNull: true }:
                return [];
            case YamlScalar scalar:
                return [new Trigger(scalar.Value, scalar, null)];
            case YamlSequence sequence:
                return [.. sequence.Items.Select(item => item is YamlScalar s
                    ? new Trigger(s.Value, s, null)
                    : throw YamlShape.Wrong(item, "each event in an 'on:' list must be an event name"))];
            case YamlMapping mapping:
                var triggers = new List<Trigger>();
                foreach (var (key, value) in mapping.Entries)
                {
                    var config = value switch
                    {
                        YamlMapping m => m,
                        YamlScalar { IsNull: true } => null,
                        YamlSequence when key.Value == "schedule" => null,
                        _ => throw YamlShape.Wrong(value, $"the '{key.Value}' trigger's settings must be a mapping"),
                    };
                    triggers.Add(new Trigger(key.Value, key, config));
                }

                return triggers;
            default:
                throw YamlShape.Wrong(on, "'on:' must be an event name, a list or a mapping");
        }
    }
}
