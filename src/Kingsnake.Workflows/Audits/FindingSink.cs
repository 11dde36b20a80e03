using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>Collects the findings of every audit for one file; applies the persona and zizmor-style ignore comments.</summary>
public sealed class FindingSink
{
    private readonly AuditTarget _target;
    private readonly Persona _persona;
    private readonly IgnoreComments _ignores;
    private Dictionary<YamlNode, int>? _jobKeyLines;

    /// <param name="honourZizmorComments">False when <c># zizmor: ignore</c> is not to hide findings (<c>--no-peer-triage</c>); Kingsnake's own comments always do.</param>
    public FindingSink(AuditTarget target, Persona persona = Persona.Regular, bool honourZizmorComments = true)
    {
        _target = target;
        _persona = persona;
        _ignores = new IgnoreComments(target.Document, target.Path, honourZizmorComments);
    }

    public List<Finding> Findings { get; } = [];

    /// <summary>Findings an ignore comment hid, each with the comment.</summary>
    public List<SuppressedFinding> Suppressed { get; } = [];

    /// <summary>The line of the job id when <paramref name="context"/> is a job's mapping (a comment there covers the whole job, as in zizmor).</summary>
    private int? JobKeyLine(YamlNode context)
    {
        if (_jobKeyLines is null)
        {
            // built once: findings are many and so can jobs be
            _jobKeyLines = new Dictionary<YamlNode, int>(ReferenceEqualityComparer.Instance);
            foreach (var job in _target.Workflow?.Jobs ?? [])
            {
                _jobKeyLines.TryAdd(job.Node, job.IdNode.Start.Line);
            }
        }

        return _jobKeyLines.TryGetValue(context, out var line) ? line : null;
    }

    public void Report(Rule rule, YamlNode at, string message, Severity severity, Confidence confidence, Persona persona = Persona.Regular, YamlNode? context = null, Fix? fix = null, string? fingerprint = null) =>
        Report(rule, at.Start, at.End, message, severity, confidence, persona, context, fix, fingerprint);

    /// <summary>
    /// Adds a finding at <paramref name="start"/>..<paramref name="end"/>. <paramref name="context"/> is the enclosing
    /// step or job: an ignore comment on its first line also counts (zizmor's hidden spans), as does one on any
    /// line of the finding itself.
    /// </summary>
    public void Report(Rule rule, YamlPosition start, YamlPosition end, string message, Severity severity, Confidence confidence, Persona persona = Persona.Regular, YamlNode? context = null, Fix? fix = null, string? fingerprint = null)
    {
        if (persona < _persona)
        {
            return;
        }

        SuppressionReason? ignored = null;
        for (var line = start.Line; ignored is null && line <= Math.Max(start.Line, end.Column == 1 && end.Line > start.Line ? end.Line - 1 : end.Line); line++)
        {
            ignored = _ignores.Ignores(line, rule.IsNamedBy);
        }

        if (ignored is null && context is not null)
        {
            ignored = _ignores.Ignores(context.Start.Line, rule.IsNamedBy) ?? (JobKeyLine(context) is { } keyLine ? _ignores.Ignores(keyLine, rule.IsNamedBy) : null);
        }

        var text = _target.Source.Text;
        var snippet = fingerprint ?? text[Math.Clamp(start.Offset, 0, text.Length)..Math.Clamp(end.Offset, start.Offset, text.Length)];
        var finding = new Finding
        {
            Rule = rule,
            Message = message,
            Location = new SourceSpan(_target.Path, start.Line, start.Column, end.Line, end.Column),
            Severity = severity,
            Confidence = confidence,
            Fix = fix,
            FingerprintSource = snippet,
            Data = new WorkflowFindingData(persona),
        };
        if (ignored is null)
        {
            Findings.Add(finding);
        }
        else
        {
            Suppressed.Add(new SuppressedFinding(finding, ignored));
        }
    }
}
