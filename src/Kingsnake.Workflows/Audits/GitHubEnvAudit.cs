using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Shell;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// github-env (zizmor.md §2): a <c>run:</c> script that writes to <c>$GITHUB_ENV</c> or <c>$GITHUB_PATH</c> in a workflow
/// triggered by <c>pull_request_target</c> or <c>workflow_run</c>, or in a composite action (whose callers are unknown).
/// Setting <c>LD_PRELOAD</c>, <c>BASH_ENV</c>, <c>NODE_OPTIONS</c> or <c>PATH</c> from attacker data runs code in every
/// later step. The script is split into commands with its shell's quoting (<see cref="ShellScript"/>); a write is a
/// redirection (<c>&gt;</c>, <c>&gt;&gt;</c>) whose target word is the file's variable (<c>$GITHUB_ENV</c>,
/// <c>"${GITHUB_ENV}"</c>, <c>$env:GITHUB_ENV</c>, <c>%GITHUB_ENV%</c>), <c>tee</c> with it as a file, or PowerShell's
/// <c>Out-File</c>/<c>Add-Content</c>/<c>Set-Content</c> with it as the path. A write of literal text only
/// (<c>echo/printf/Write-Output</c> with nothing expanded) is skipped, as in zizmor.
/// </summary>
public sealed class GitHubEnvAudit : WorkflowAudit
{
    private static readonly string[] Files = ["GITHUB_ENV", "GITHUB_PATH"];

    public override Rule Rule => WorkflowRules.GitHubEnv;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is { } workflow && !workflow.HasTrigger("pull_request_target") && !workflow.HasTrigger("workflow_run"))
        {
            return;
        }

        var why = target.Workflow is null ? "in a composite action any caller's data can reach it" : "the workflow runs on a privileged trigger with data from forks";
        foreach (var scope in StepScope.All(target))
        {
            if (scope.Step.Run is not { } run)
            {
                continue;
            }

            var script = run.Value;
            if ((!script.Contains("GITHUB_ENV", StringComparison.Ordinal) && !script.Contains("GITHUB_PATH", StringComparison.Ordinal))
                || ShellDialects.For(scope, script) is not { } dialect)
            {
                continue;
            }

            foreach (var write in FindWrites(script, dialect))
            {
                var (start, end) = ScalarLocator.Locate(run, target.Source, write.At, write.At + write.Length);
                sink.Report(Rule, start, end, $"'{scope.Step.DisplayName}' writes to ${write.File}; {why}, and a variable or path set there affects every later step", Severity.High, Confidence.Low, context: scope.Step.Node);
            }
        }
    }

    /// <summary>Writes of non-literal text to GITHUB_ENV/GITHUB_PATH in <paramref name="script"/>: the file and the reference's range in the script.</summary>
    internal static IEnumerable<(string File, int At, int Length)> FindWrites(string script, ShellDialect dialect)
    {
        foreach (var command in ShellScript.Parse(script, dialect))
        {
            foreach (var redirect in command.Redirects)
            {
                if (redirect.WritesFile && Reference(script, redirect.Target) is { } found && !IsLiteralWriter(command))
                {
                    yield return found;
                }
            }

            var program = command.Program;
            if (program.Count < 2)
            {
                continue;
            }

            var name = program[0].Text.ToLowerInvariant();
            if (name == "tee")
            {
                foreach (var word in program.Skip(1))
                {
                    if (!word.Text.StartsWith('-') && Reference(script, word) is { } found && !(command.Upstream is { } source && IsLiteralWriter(source)))
                    {
                        yield return found;
                    }
                }
            }
            else if (name is "out-file" or "add-content" or "set-content" or "ac" or "sc")
            {
                if (PowerShellWrite(script, command, program) is { } found)
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>The path argument of Out-File/Add-Content/Set-Content when it is one of the files and what is written is not literal.</summary>
    private static (string File, int At, int Length)? PowerShellWrite(string script, ShellCommand command, IReadOnlyList<ShellWord> program)
    {
        (string, int, int)? target = null;
        var valueLiteral = true;
        var hasValue = false;
        var positional = 0;
        for (var i = 1; i < program.Count; i++)
        {
            var word = program[i];
            var parameter = word.Text.ToLowerInvariant();
            if (!word.Quoted && parameter.StartsWith('-'))
            {
                var takesValue = parameter is "-filepath" or "-path" or "-literalpath" or "-pspath" or "-value" or "-inputobject" or "-encoding";
                if (takesValue && i + 1 < program.Count)
                {
                    var value = program[++i];
                    if (parameter is "-value" or "-inputobject")
                    {
                        hasValue = true;
                        valueLiteral &= !value.Expands;
                    }
                    else if (parameter != "-encoding")
                    {
                        target ??= Reference(script, value);
                    }
                }

                continue;
            }

            // positional: Out-File [-FilePath] x; Add-Content [-Path] x [-Value] y
            if (positional++ == 0)
            {
                target ??= Reference(script, word);
            }
            else
            {
                hasValue = true;
                valueLiteral &= !word.Expands;
            }
        }

        if (target is null)
        {
            return null;
        }

        var literal = hasValue ? valueLiteral : command.Upstream is { } source && IsLiteralWriter(source);
        return literal ? null : target;
    }

    /// <summary>The GITHUB_ENV/GITHUB_PATH reference that <paramref name="word"/> consists of, with its range in the script; null for any other word.</summary>
    private static (string File, int At, int Length)? Reference(string script, ShellWord word)
    {
        var text = word.Text;
        foreach (var file in Files)
        {
            string[] forms = ["$" + file, "${" + file + "}", "$env:" + file, "${env:" + file + "}", "%" + file + "%"];
            foreach (var form in forms)
            {
                if (text.Equals(form, form.StartsWith("$env", StringComparison.Ordinal) || form.StartsWith("${env", StringComparison.Ordinal) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    var at = script.IndexOf(form, word.Start, word.End - word.Start, StringComparison.OrdinalIgnoreCase);
                    return at < 0 ? (file, word.Start, word.End - word.Start) : (file, at, form.Length);
                }
            }
        }

        return null;
    }

    /// <summary>True when the command only prints literal text: echo/printf/Write-Output (or a bare PowerShell string) with nothing expanded.</summary>
    private static bool IsLiteralWriter(ShellCommand command)
    {
        var program = command.Program;
        if (program.Count == 0)
        {
            return false;
        }

        var name = program[0].Text.ToLowerInvariant();
        var bareString = program.Count == 1 && program[0].Quoted;
        if (name is not ("echo" or "printf" or "write-output" or "write-host") && !bareString)
        {
            return false;
        }

        return program.All(w => !w.Expands) && command.Redirects.All(r => r.Operator is not ("<" or "<<" or "<<-" or "<<<" or "<&"));
    }
}
