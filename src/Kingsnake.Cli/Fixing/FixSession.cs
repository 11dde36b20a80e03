using System.Text;
using Kingsnake.Cli.Commands;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Cli.Fixing;

/// <summary>One file's fixes: its text as read, as fixed, and what went in or was left out.</summary>
internal sealed class FileFix
{
    public required string Path { get; init; }

    public required string FullPath { get; init; }

    /// <summary>The bytes as read; the file is written only while it still holds exactly these.</summary>
    public required byte[] OriginalBytes { get; init; }

    public required string OriginalText { get; init; }

    public required bool ByteOrderMark { get; init; }

    public string FixedText { get; set; } = "";

    public List<AppliedFix> Applied { get; } = [];

    /// <summary>Fixes of the last pass that could not go in.</summary>
    public List<SkippedFix> Skipped { get; set; } = [];

    public int Passes { get; set; }

    /// <summary>The findings reported for <see cref="FixedText"/> (null when the file could not be audited again in memory).</summary>
    public List<Finding>? Remaining { get; set; }

    /// <summary>Why the file is left as it was (unreadable, or the fixed text no longer parses).</summary>
    public string? Error { get; set; }

    public bool Changed => Error is null && FixedText != OriginalText;

    public byte[] FixedBytes()
    {
        var body = Encoding.UTF8.GetBytes(FixedText);
        return ByteOrderMark ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }
}

/// <summary>
/// Works out the fixes of a run in memory. Each file with a fixable finding is read once; its fixes are applied, then
/// the edited text is audited again (same auditor, same suppressions and baseline) and the fixes found then are applied
/// too, up to <see cref="MaxPasses"/> passes: a fix skipped because it overlapped another one is offered again with
/// positions in the new text (two injections in one step both add to its <c>env:</c>), and a fix can make another
/// possible. A finding that is still reported after its fix went in is not fixed twice.
/// </summary>
internal sealed class FixSession(PreparedAudit prepared)
{
    public const int MaxPasses = 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);


    /// <summary>Reads and fixes, in parallel across files, every file with a fixable finding in <paramref name="report"/>; in path order.</summary>
    public List<FileFix> Plan(Report report)
    {
        // by the file the edits change: a dependency locked in uv.lock is fixed in the pyproject.toml beside it
        var groups = report.Findings.Where(f => f.Fix is not null)
            .GroupBy(EditedPath, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
        var files = new FileFix[groups.Count];
        Parallel.For(0, groups.Count, i =>
        {
            var file = Read(EditedPath(groups[i][0]));
            if (file.Error is null)
            {
                Fix(file, groups[i]);
            }

            files[i] = file;
        });
        return [.. files];
    }

    /// <summary>The file a finding's fix edits: where its edits are (one file per fix), else where the finding is.</summary>
    private static string EditedPath(Finding finding) =>
        finding.Fix is { Edits.Count: > 0 } fix ? fix.Edits[0].Span.Path : finding.Location.Path;

    private FileFix Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path, prepared.RootPath);
        byte[] bytes;
        string text;
        try
        {
            // the bytes the audit read: the fixes were computed from them, and the writer checks the file still holds them
            bytes = prepared.Context.Project.Read(path).Bytes;
            text = StrictUtf8.GetString(bytes);
        }
        catch (Exception ex) when (ex is InputFormatException or DecoderFallbackException)
        {
            return new FileFix { Path = path, FullPath = full, OriginalBytes = [], OriginalText = "", ByteOrderMark = false, Error = $"cannot read: {ex.Message}" };
        }

        if (HasLoneCarriageReturn(text))
        {
            // line and column arithmetic of the edits assumes \n or \r\n line breaks; such a file is left as it is
            return new FileFix { Path = path, FullPath = full, OriginalBytes = bytes, OriginalText = "", ByteOrderMark = false, Error = "its lines end with a lone carriage return; left as it is" };
        }

        var bom = text.Length > 0 && text[0] == '\uFEFF';
        var body = bom ? text[1..] : text;
        return new FileFix { Path = path, FullPath = full, OriginalBytes = bytes, OriginalText = body, ByteOrderMark = bom, FixedText = body };
    }

    private static bool HasLoneCarriageReturn(string text)
    {
        for (var at = text.IndexOf('\r', StringComparison.Ordinal); at >= 0; at = text.IndexOf('\r', at + 1))
        {
            if (at + 1 >= text.Length || text[at + 1] != '\n')
            {
                return true;
            }
        }

        return false;
    }

    private void Fix(FileFix file, List<Finding> reported)
    {
        var firstNewline = file.OriginalText.IndexOf('\n', StringComparison.Ordinal);
        var crlf = firstNewline > 0 && file.OriginalText[firstNewline - 1] == '\r';
        var reauditable = prepared.Workflows is not null && !System.IO.Path.IsPathRooted(file.Path) && reported.All(f => f.Rule.Area == prepared.Workflows.Area);
        var fixedOnce = new HashSet<string>(StringComparer.Ordinal);
        var text = file.OriginalText;
        List<Finding>? current = null; // the findings of text, once audited
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            // without an in-memory auditor for this kind of file, the report's fixes are applied once
            current ??= reauditable ? AuditInMemory(file.Path, text) : reported;
            if (current is null)
            {
                file.Error = pass == 1
                    ? "the file no longer parses (did it change since the audit read it?)"
                    : "a fix produced text that no longer parses; the file is left as it was (please report this)";
                return;
            }

            var candidates = current.Where(f => f.Fix is not null && !fixedOnce.Contains(f.Fingerprint)).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var outcome = FixApplier.Apply(text, candidates, crlf);
            file.Skipped = [.. outcome.Skipped];
            if (outcome.Applied.Count == 0)
            {
                break;
            }

            file.Passes = pass;
            file.Applied.AddRange(outcome.Applied);
            fixedOnce.UnionWith(outcome.Applied.Select(a => a.Finding.Fingerprint));
            text = outcome.Text;
            file.FixedText = text;
            current = null;
            if (!reauditable)
            {
                break;
            }
        }

        if (reauditable && file.Passes > 0)
        {
            // after the last pass that changed something, the edited text must still parse
            file.Remaining = current ?? AuditInMemory(file.Path, text);
            if (file.Remaining is null)
            {
                file.Error = "a fix produced text that no longer parses; the file is left as it was (please report this)";
            }
        }
    }

    /// <summary>The findings the run would report for <paramref name="text"/> at <paramref name="path"/>; null when it does not parse.</summary>
    private List<Finding>? AuditInMemory(string path, string text)
    {
        var workflows = prepared.Workflows!;
        var kind = WorkflowDiscovery.Classify(path) ?? WorkflowFileKind.Workflow;
        var result = workflows.AuditText(path, text, kind);
        if (result.Error is not null && result.Findings.Count == 0)
        {
            return null;
        }

        // the file on disk still holds the text before the fixes: the filter reads the edited text for this file (its
        // comments) and the project for every other (peers' configuration); configuration and baseline apply as in the audit
        var (kept, _) = prepared.Filter(prepared.Sources.Over(new Dictionary<string, string>(StringComparer.Ordinal) { [path] = text })).Apply(result.Findings);
        return [.. kept.OrderBy(f => f.Location.StartLine).ThenBy(f => f.Location.StartColumn).ThenBy(f => f.Rule.Id, StringComparer.Ordinal)];
    }
}
