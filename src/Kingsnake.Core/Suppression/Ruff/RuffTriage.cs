using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// The triage a project did with ruff, applied to Kingsnake's findings through the ruff codes among each rule's aliases
/// (<c>S602</c> → PY602). A rule without a ruff code (a workflow rule, a code rule ruff has no check for) is never
/// settled here: a project's <c># noqa</c> was written for ruff's diagnostics, not for checks ruff does not make.
/// <list type="number">
/// <item>A <c># noqa</c> on any line of the finding's span (ruff reports at a node inside that span, and puts the
/// directive of a multi-line string on its last line): with codes, it settles the finding when it names one of the
/// rule's ruff codes exactly; bare, when ruff runs one of them in this project (a bare <c># noqa</c> written for an
/// E501 in a project that never turned <c>S</c> on says nothing about S602).</item>
/// <item>A file exemption anywhere in the file (<c># ruff: noqa</c>, <c># flake8: noqa</c>, with or without codes),
/// judged the same way.</item>
/// <item><c>per-file-ignores</c> entries covering the file, for codes ruff runs.</item>
/// <item><c>ignore</c> entries that turned off a code ruff would otherwise run (see <see cref="RuffSettings.Resolve"/>).</item>
/// </list>
/// With no ruff configuration, ruff's defaults apply (no <c>S</c> code runs): only comments naming codes count.
/// </summary>
public sealed class RuffTriage(RuffSettings? settings, ISourceLines sources) : IPeerTriage
{
    /// <summary>Lines of one finding searched for a <c># noqa</c>; longer spans are searched at their first and last lines only.</summary>
    public const int MaxSpanLines = 200;

    private readonly RuffSettings _settings = settings ?? new RuffSettings([], [RuffSelectionLayer.Defaults], []);
    private readonly Dictionary<string, (bool Selected, RuffSelector? IgnoredBy)> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RuffFileExemption>> _exemptions = new(StringComparer.Ordinal);

    public SuppressionReason? Decide(Finding finding)
    {
        var codes = RuffCodes.Of(finding.Rule).ToList();
        if (codes.Count == 0)
        {
            return null;
        }

        var states = codes.Select(c => (Code: c, State: Resolve(c))).ToList();
        var anySelected = states.Any(s => s.State.Selected);
        var location = finding.Location;
        if (location.HasLine && sources.Lines(location.Path) is { } lines)
        {
            if (LineDirective(location, lines, codes, anySelected) is { } noqa)
            {
                return noqa;
            }

            foreach (var exemption in Exemptions(location.Path, lines))
            {
                if (exemption.IsBlanket ? anySelected : exemption.Codes.Any(codes.Contains))
                {
                    return new SuppressionReason(SuppressionKind.RuffFileNoqa, exemption.Text, new SourceSpan(location.Path, exemption.Line, 1));
                }
            }
        }

        foreach (var (code, state) in states)
        {
            if (state.Selected && _settings.PerFileIgnore(location.Path, code) is var (entry, selector))
            {
                return new SuppressionReason(SuppressionKind.RuffPerFileIgnore, $"ruff per-file-ignores \"{entry.Pattern}\" = [\"{selector.Text}\"]", entry.At);
            }
        }

        foreach (var (code, state) in states)
        {
            if (state.IgnoredBy is { } ignore)
            {
                return new SuppressionReason(SuppressionKind.RuffIgnore, ignore.Text == code ? $"ruff ignore \"{code}\"" : $"ruff ignore \"{ignore.Text}\" ({code})", ignore.At);
            }
        }

        return null;
    }

    private static SuppressionReason? LineDirective(SourceSpan location, IReadOnlyList<string> lines, List<string> codes, bool anySelected)
    {
        var first = location.StartLine;
        var last = Math.Min(Math.Max(location.EndLine, first), lines.Count);
        for (var line = first; line <= last; line++)
        {
            if (last - first >= MaxSpanLines && line > first && line < last)
            {
                line = last;
            }

            if (NoqaComment.Parse(lines[line - 1]) is { } noqa && (noqa.IsBlanket ? anySelected : noqa.Codes.Any(codes.Contains)))
            {
                return new SuppressionReason(SuppressionKind.RuffNoqa, noqa.Text, new SourceSpan(location.Path, line, noqa.Column));
            }
        }

        return null;
    }

    private (bool Selected, RuffSelector? IgnoredBy) Resolve(string code)
    {
        if (!_resolved.TryGetValue(code, out var state))
        {
            state = _settings.Resolve(code);
            _resolved[code] = state;
        }

        return state;
    }

    private List<RuffFileExemption> Exemptions(string path, IReadOnlyList<string> lines)
    {
        if (!_exemptions.TryGetValue(path, out var found))
        {
            found = [];
            var mentioned = sources.MayContain(path, "noqa");
            for (var i = 0; mentioned && i < lines.Count; i++)
            {
                if (lines[i].Contains("noqa", StringComparison.OrdinalIgnoreCase) && RuffFileExemption.Parse(lines[i], i + 1) is { } exemption)
                {
                    found.Add(exemption);
                }
            }

            _exemptions[path] = found;
        }

        return found;
    }
}
