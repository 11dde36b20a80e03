using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// The template-injection fix (zizmor.md §4.8): replace <c>${{ ctx }}</c> in a shell script by a variable the shell
/// expands as data, and set that variable in the step's <c>env:</c>. Only for a fence that is one plain context, in a
/// bash/sh or pwsh script, when every span can be located exactly; otherwise no fix is offered. Runner defaults
/// (<c>GITHUB_HEAD_REF</c>…) are reused without an <c>env:</c> entry.
/// </summary>
internal static class InjectionFix
{
    private static readonly Dictionary<string, string> RunnerDefaults = new(StringComparer.Ordinal)
    {
        ["github.head_ref"] = "GITHUB_HEAD_REF",
        ["github.base_ref"] = "GITHUB_BASE_REF",
        ["github.ref"] = "GITHUB_REF",
        ["github.ref_name"] = "GITHUB_REF_NAME",
        ["github.actor"] = "GITHUB_ACTOR",
        ["github.triggering_actor"] = "GITHUB_TRIGGERING_ACTOR",
    };

    public static Fix? Create(AuditTarget target, StepScope scope, YamlScalar run, FencedExpression fence, YamlPosition start, YamlPosition end)
    {
        if (fence.Syntax is not { } syntax || ContextReference.From(syntax) is not { IsCallLed: false } context || context.Pattern.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        var shell = Shell(scope);
        if (shell is null)
        {
            return null;
        }

        var source = target.Source;
        var fenceText = run.Value[fence.Start..fence.End];
        if (end.Offset - start.Offset != fenceText.Length || !source.Text.AsSpan(start.Offset, fenceText.Length).SequenceEqual(fenceText))
        {
            return null;
        }

        var runnerDefault = RunnerDefaults.GetValueOrDefault(context.Pattern);
        var name = runnerDefault ?? VariableName(context.Pattern);
        var reference = shell == "pwsh" ? $"$env:{name}" : $"${{{name}}}";
        var edits = new List<TextEdit> { new(Span(target.Path, start, end), reference) };
        if (runnerDefault is null)
        {
            var expression = $"${{{{ {run.Value[fence.InnerStart..fence.InnerEnd].Trim()} }}}}";
            var envEdit = EnvEdit(target, scope.Step, name, expression, out var alreadySet);
            if (envEdit is null && !alreadySet)
            {
                return null;
            }

            if (envEdit is not null)
            {
                edits.Add(envEdit);
            }
        }

        return new Fix($"pass {context.Pattern} to the script through the environment variable {name}", edits);
    }

    private static string? Shell(StepScope scope)
    {
        var shell = scope.Step.Shell ?? DefaultShell(scope);
        return shell switch
        {
            "bash" or "sh" => "bash",
            "pwsh" or "powershell" => "pwsh",
            _ when shell.StartsWith("bash ", StringComparison.Ordinal) || shell.StartsWith("sh ", StringComparison.Ordinal) => "bash",
            _ => null,
        };
    }

    /// <summary>bash on Linux and macOS runners; unknown (no fix) when the job may run on Windows, where the default is pwsh.</summary>
    private static string DefaultShell(StepScope scope)
    {
        var defaults = scope.Job?.Node.GetMapping("defaults")?.GetMapping("run")?.GetString("shell")
            ?? scope.Workflow?.Root.GetMapping("defaults")?.GetMapping("run")?.GetString("shell");
        if (defaults is not null)
        {
            return defaults;
        }

        if (scope.Action is not null)
        {
            return "?"; // composite steps must name their shell
        }

        var runsOn = scope.Job?.RunsOn switch
        {
            YamlScalar scalar => scalar.Value,
            YamlSequence sequence => string.Join(' ', sequence.Items.OfType<YamlScalar>().Select(s => s.Value)),
            _ => "?",
        };
        return runsOn.Contains("windows", StringComparison.OrdinalIgnoreCase) || runsOn.Contains("${{", StringComparison.Ordinal) || runsOn == "?" ? "?" : "bash";
    }

    /// <summary><c>github.event.issue.title</c> → <c>ISSUE_TITLE</c>; <c>inputs.tag-name</c> → <c>INPUTS_TAG_NAME</c>.</summary>
    internal static string VariableName(string pattern)
    {
        var trimmed = pattern.StartsWith("github.event.", StringComparison.Ordinal) ? pattern["github.event.".Length..] : pattern;
        var chars = trimmed.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray();
        var name = new string(chars);
        return char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>The edit that adds <c>NAME: ${{ … }}</c> to the step's block <c>env:</c>, or adds the block; null when it cannot be done safely.</summary>
    private static TextEdit? EnvEdit(AuditTarget target, Step step, string name, string expression, out bool alreadySet)
    {
        alreadySet = false;
        var source = target.Source;
        if (step.Env is { } env)
        {
            if (env.Node is not YamlMapping { Count: > 0 } mapping || source.Text[mapping.Start.Offset] == '{')
            {
                return null; // flow style or expression: leave it to a human
            }

            if (mapping.Get(name) is { } existing)
            {
                alreadySet = existing is YamlScalar scalar && scalar.Value.Trim() == expression;
                return null;
            }

            var indent = new string(' ', mapping.Entries[0].Key.Start.Column - 1);
            return Insert(target, LineAfter(source, mapping.Entries[^1].Value.End), $"{indent}{name}: {expression}\n");
        }

        var firstKey = step.Node.Entries[0].Key;
        if (source.Text[step.Node.Start.Offset] == '{')
        {
            return null;
        }

        var keyIndent = new string(' ', firstKey.Start.Column - 1);
        var last = step.Node.Entries.Max(e => e.Value.End.Offset);
        return Insert(target, LineAfter(source, source.PositionAt(last)), $"{keyIndent}env:\n{keyIndent}  {name}: {expression}\n");
    }

    /// <summary>The start of the line after the one <paramref name="end"/> is on (or <paramref name="end"/> itself when it already starts a line).</summary>
    private static YamlPosition LineAfter(SourceText source, YamlPosition end)
    {
        if (end.Column == 1)
        {
            return end;
        }

        var newline = source.Text.IndexOf('\n', end.Offset);
        return source.PositionAt(newline < 0 ? source.Text.Length : newline + 1);
    }

    private static TextEdit Insert(AuditTarget target, YamlPosition at, string text)
    {
        var prefix = at.Offset == target.Source.Text.Length && !target.Source.Text.EndsWith('\n') ? "\n" : "";
        return new TextEdit(Span(target.Path, at, at), prefix + text);
    }

    private static SourceSpan Span(string path, YamlPosition start, YamlPosition end) => new(path, start.Line, start.Column, end.Line, end.Column);
}
