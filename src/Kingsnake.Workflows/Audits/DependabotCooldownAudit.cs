using System.Globalization;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// dependabot-cooldown (zizmor.md §2): an update entry with no <c>cooldown:</c>, or a <c>default-days</c> below the
/// threshold (7 by default). Without a cooldown Dependabot proposes a release minutes after it is published, before a
/// compromised release has been noticed and yanked. Safe fixes: add the block, or raise the number.
/// </summary>
public sealed class DependabotCooldownAudit(int days) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.DependabotCooldown;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Dependabot is not { } config)
        {
            return;
        }

        foreach (var update in config.Updates)
        {
            var what = update.Ecosystem ?? "an update";
            var at = update.Node.GetKey("package-ecosystem") ?? update.Node.Entries[0].Key;
            if (update.Cooldown is null)
            {
                sink.Report(Rule, at, $"updates for {what} have no cooldown; new releases are proposed as soon as they appear", Severity.Medium, Confidence.High, context: update.Node, fix: AddCooldown(target, update));
                continue;
            }

            var defaultDays = update.DefaultDays;
            var value = defaultDays is not null && int.TryParse(defaultDays.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            if (value < days)
            {
                var node = (YamlNode?)defaultDays ?? update.Cooldown;
                Fix? fix = defaultDays is { Style: YamlScalarStyle.Plain }
                    ? new Fix($"wait {days} days", [new TextEdit(new SourceSpan(target.Path, defaultDays.Start.Line, defaultDays.Start.Column, defaultDays.End.Line, defaultDays.End.Column), days.ToString(CultureInfo.InvariantCulture))])
                    : null;
                sink.Report(Rule, node, $"updates for {what} wait {value} days (cooldown.default-days), fewer than {days}", Severity.Medium, Confidence.High, context: update.Node, fix: fix);
            }
        }
    }

    /// <summary>Inserts <c>cooldown: default-days: N</c> after the entry's last line, at its keys' indentation; null when the layout is not block style.</summary>
    private Fix? AddCooldown(AuditTarget target, DependabotUpdate update)
    {
        var text = target.Source.Text;
        var firstKey = update.Node.Entries[0].Key;
        var indent = firstKey.Start.Column - 1;
        if (update.Node.Entries.Any(e => e.Key.Start.Column - 1 != indent) || firstKey.Start.Line == update.Node.Entries[^1].Value.End.Line && update.Node.Count > 1)
        {
            return null; // a flow mapping or an unusual layout
        }

        var end = YamlEdits.LastScalarEnd(update.Node.Entries[^1].Value);
        int insertAt;
        if (end > 0 && text[end - 1] == '\n')
        {
            insertAt = end;
        }
        else
        {
            var newline = text.IndexOf('\n', end);
            insertAt = newline < 0 ? text.Length : newline + 1;
        }

        var pad = new string(' ', indent);
        var insertion = $"{(insertAt == text.Length && (text.Length == 0 || text[^1] != '\n') ? "\n" : "")}{pad}cooldown:\n{pad}  default-days: {days}\n";
        var position = target.Source.PositionAt(insertAt);
        return new Fix($"add a {days}-day cooldown", [new TextEdit(new SourceSpan(target.Path, position.Line, position.Column, position.Line, position.Column), insertion)]);
    }
}
