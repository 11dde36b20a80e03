using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// github-env (zizmor.md §2): a <c>run:</c> script that writes to <c>$GITHUB_ENV</c> or <c>$GITHUB_PATH</c> (by
/// <c>&gt;</c>, <c>&gt;&gt;</c>, <c>tee</c>, PowerShell's <c>Out-File</c>/<c>Add-Content</c> or cmd's <c>%GITHUB_ENV%</c>) in a
/// workflow triggered by <c>pull_request_target</c> or <c>workflow_run</c>, or in a composite action (whose callers
/// are unknown). Setting <c>LD_PRELOAD</c>, <c>BASH_ENV</c>, <c>NODE_OPTIONS</c> or <c>PATH</c> from attacker data runs
/// code in every later step. An <c>echo</c>/<c>printf</c> of literal text only is skipped. The script is read line by
/// line (with backslash continuations), not parsed as a full shell grammar.
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
            if (!script.Contains("GITHUB_ENV", StringComparison.Ordinal) && !script.Contains("GITHUB_PATH", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (lineStart, line) in LogicalLines(script))
            {
                if (FindWrite(line) is not { } write)
                {
                    continue;
                }

                var (start, end) = Yaml.ScalarLocator.Locate(run, target.Source, lineStart + write.At, lineStart + write.At + write.Length);
                sink.Report(Rule, start, end, $"'{scope.Step.DisplayName}' writes to ${write.File}; {why}, and a variable or path set there affects every later step", Severity.High, Confidence.Low, context: scope.Step.Node);
            }
        }
    }

    /// <summary>The write to GITHUB_ENV/GITHUB_PATH on a logical line that is not a literal-only echo, or null.</summary>
    internal static (string File, int At, int Length)? FindWrite(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#'))
        {
            return null;
        }

        foreach (var file in Files)
        {
            var at = 0;
            while ((at = line.IndexOf(file, at, StringComparison.Ordinal)) >= 0)
            {
                var end = at + file.Length;
                if (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
                {
                    at = end;
                    continue;
                }

                var start = ReferenceStart(line, at);
                if (start >= 0 && IsWriteTarget(line, start) && !IsLiteralEcho(line[..start]))
                {
                    return (file, start, end - start + (end < line.Length && line[end] is '}' or '%' ? 1 : 0));
                }

                at = end;
            }
        }

        return null;
    }

    /// <summary>Where the variable reference starts: <c>$NAME</c>, <c>${NAME}</c>, <c>$env:NAME</c>, <c>%NAME%</c>; -1 when the name is not a reference.</summary>
    private static int ReferenceStart(string line, int at)
    {
        if (at >= 1 && line[at - 1] == '$')
        {
            return at - 1;
        }

        if (at >= 2 && line[at - 1] == '{' && line[at - 2] == '$')
        {
            return at - 2;
        }

        if (at >= 5 && line.AsSpan(at - 5, 5).Equals("$env:", StringComparison.OrdinalIgnoreCase))
        {
            return at - 5;
        }

        if (at >= 1 && line[at - 1] == '%')
        {
            return at - 1;
        }

        return -1;
    }

    /// <summary>True when the reference at <paramref name="start"/> is where output goes: after &gt;/&gt;&gt;, as tee's file, or a PowerShell file cmdlet's target.</summary>
    private static bool IsWriteTarget(string line, int start)
    {
        var before = line[..start].TrimEnd().TrimEnd('"', '\'').TrimEnd();
        if (before.EndsWith('>'))
        {
            return true;
        }

        // tee [-a] FILE, Out-File [-FilePath] FILE -Append, Add-Content [-Path] FILE
        var words = before.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = words.Length - 1; i >= 0 && i >= words.Length - 3; i--)
        {
            var word = words[i].ToLowerInvariant();
            if (word is "tee" or "out-file" or "add-content" or "set-content")
            {
                return true;
            }

            if (!word.StartsWith('-'))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when the command writing is echo/printf/Write-Output of text with no expansion at all.</summary>
    private static bool IsLiteralEcho(string command)
    {
        var text = command.TrimEnd().TrimEnd('>').Trim();
        var pipe = text.LastIndexOf('|');
        if (pipe >= 0 && text[(pipe + 1)..].TrimStart().Split(' ', 2)[0].ToLowerInvariant() is "tee" or "out-file" or "add-content")
        {
            text = text[..pipe].Trim(); // `echo … | tee -a FILE`, `"…" | Out-File …`: judge what is written
            pipe = text.LastIndexOf('|');
        }

        if (pipe >= 0)
        {
            text = text[(pipe + 1)..].Trim();
        }

        var separator = Math.Max(text.LastIndexOf(';'), text.LastIndexOf("&&", StringComparison.Ordinal));
        if (separator >= 0)
        {
            text = text[(separator + 1)..].TrimStart('&').Trim();
        }

        var word = text.Split(' ', 2)[0].ToLowerInvariant();
        var bareString = text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0]; // PowerShell: a string is its own output
        if (word is not ("echo" or "printf" or "write-output") && !bareString)
        {
            return false;
        }

        // no parameter expansion, command substitution or template expansion outside single quotes
        var inSingle = false;
        foreach (var c in text)
        {
            if (c == '\'')
            {
                inSingle = !inSingle;
            }
            else if (!inSingle && c is '$' or '`' or '%')
            {
                return false;
            }
        }

        return !text.Contains("${{", StringComparison.Ordinal);
    }

    /// <summary>Lines of a script joined across backslash continuations, with the offset where each starts.</summary>
    private static IEnumerable<(int Start, string Line)> LogicalLines(string script)
    {
        var start = 0;
        while (start < script.Length)
        {
            var end = start;
            while (true)
            {
                var newline = script.IndexOf('\n', end);
                if (newline < 0)
                {
                    end = script.Length;
                    break;
                }

                if (newline > start && script[newline - 1] == '\\')
                {
                    end = newline + 1;
                    continue;
                }

                end = newline;
                break;
            }

            yield return (start, script[start..end]);
            start = end + 1;
        }
    }
}
