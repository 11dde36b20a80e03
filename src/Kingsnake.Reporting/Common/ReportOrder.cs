using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Reporting.Common;

/// <summary>
/// The one order every format lists things in, so that output is byte-for-byte stable across runs whatever
/// order the auditors (which work in parallel) produced: path, line, column, then rule id and message.
/// All comparisons are ordinal: the order must not depend on the machine's culture.
/// </summary>
public static class ReportOrder
{
    public static int CompareSpans(SourceSpan a, SourceSpan b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byLine = a.StartLine.CompareTo(b.StartLine);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.StartColumn.CompareTo(b.StartColumn);
        if (byColumn != 0)
        {
            return byColumn;
        }

        var byEndLine = a.EndLine.CompareTo(b.EndLine);
        return byEndLine != 0 ? byEndLine : a.EndColumn.CompareTo(b.EndColumn);
    }

    public static int CompareFindings(Finding a, Finding b)
    {
        var bySpan = CompareSpans(a.Location, b.Location);
        if (bySpan != 0)
        {
            return bySpan;
        }

        var byRule = string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
        if (byRule != 0)
        {
            return byRule;
        }

        var bySeverity = b.Severity.CompareTo(a.Severity);
        if (bySeverity != 0)
        {
            return bySeverity;
        }

        var byMessage = string.CompareOrdinal(a.Message, b.Message);
        return byMessage != 0 ? byMessage : string.CompareOrdinal(a.FingerprintSource, b.FingerprintSource);
    }

    public static List<Finding> Sort(IEnumerable<Finding> findings)
    {
        var sorted = findings.ToList();
        // List.Sort is not stable; CompareFindings breaks ties down to the fingerprint source, so equal means identical.
        sorted.Sort(CompareFindings);
        return sorted;
    }

    /// <summary>
    /// Most severe first (then most confident, then <see cref="CompareFindings"/>): the order in which findings are kept
    /// when a format cannot hold them all (a SARIF upload limit, a pull-request comment).
    /// </summary>
    public static List<Finding> WorstFirst(IEnumerable<Finding> findings)
    {
        var sorted = findings.ToList();
        sorted.Sort((a, b) =>
        {
            var bySeverity = b.Severity.CompareTo(a.Severity);
            if (bySeverity != 0)
            {
                return bySeverity;
            }

            var byConfidence = b.Confidence.CompareTo(a.Confidence);
            return byConfidence != 0 ? byConfidence : CompareFindings(a, b);
        });
        return sorted;
    }

    /// <summary>Suppressed findings in the order of their findings.</summary>
    public static List<SuppressedFinding> Sort(IEnumerable<SuppressedFinding> suppressed)
    {
        var sorted = suppressed.ToList();
        sorted.Sort((a, b) => CompareFindings(a.Finding, b.Finding));
        return sorted;
    }

    public static List<InputError> Sort(IEnumerable<InputError> errors)
    {
        var sorted = errors.ToList();
        sorted.Sort((a, b) =>
        {
            var bySpan = CompareSpans(a.Location, b.Location);
            return bySpan != 0 ? bySpan : string.CompareOrdinal(a.Message, b.Message);
        });
        return sorted;
    }

    public static List<InputNote> Sort(IEnumerable<InputNote> notes)
    {
        var sorted = notes.ToList();
        sorted.Sort((a, b) =>
        {
            var bySpan = CompareSpans(a.Location, b.Location);
            return bySpan != 0 ? bySpan : string.CompareOrdinal(a.Message, b.Message);
        });
        return sorted;
    }

    public static List<Component> Sort(IEnumerable<Component> components)
    {
        var sorted = components.ToList();
        sorted.Sort((a, b) =>
        {
            var bySpan = CompareSpans(a.Location, b.Location);
            if (bySpan != 0)
            {
                return bySpan;
            }

            var byName = string.CompareOrdinal(a.NormalizedName, b.NormalizedName);
            if (byName != 0)
            {
                return byName;
            }

            var byVersion = string.CompareOrdinal(a.Version, b.Version);
            return byVersion != 0 ? byVersion : string.CompareOrdinal(a.Group, b.Group);
        });
        return sorted;
    }

    /// <summary>
    /// The rules a report describes: those the run used, plus any a finding names that the list lacks
    /// (so that a SARIF ruleIndex always resolves), sorted by id.
    /// </summary>
    public static List<Kingsnake.Core.Rules.Rule> Rules(Kingsnake.Core.Auditing.Report report)
    {
        var byId = new Dictionary<string, Kingsnake.Core.Rules.Rule>(StringComparer.Ordinal);
        foreach (var rule in report.Rules)
        {
            byId.TryAdd(rule.Id, rule);
        }

        foreach (var finding in report.Findings)
        {
            byId.TryAdd(finding.Rule.Id, finding.Rule);
        }

        var rules = byId.Values.ToList();
        rules.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return rules;
    }
}
