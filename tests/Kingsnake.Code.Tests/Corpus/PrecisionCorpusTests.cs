using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Corpus;

/// <summary>
/// Precision and recall of the default code audit, measured on real packages against findings read one by one and
/// labelled (Corpus/precision-labels.tsv: true, info or false, with the reason). A rule change that adds a finding
/// fails here until someone reads and labels it; one that drops a true finding fails; one that adds noise shows in
/// the per-rule table and fails once precision falls under the bar.
/// </summary>
public sealed class PrecisionCorpusTests
{
    private const string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    private sealed record Label(string Package, string Path, int Line, string Rule, string Verdict, string Reason)
    {
        public string Key => $"{Package}/{Path}:{Line} {Rule}";
    }

    [Fact]
    public void Every_finding_is_labelled_no_true_finding_is_lost_and_precision_holds()
    {
        var (packages, labels) = ReadLabels();
        var byKey = labels.ToDictionary(l => l.Key);
        var reported = new List<(Finding Finding, Label? Label)>();
        foreach (var package in packages)
        {
            var scan = new CodeAuditor().Scan(Path.Combine(SitePackages, package), cancellationToken: TestContext.Current.CancellationToken);
            Assert.DoesNotContain(scan.Errors, e => e.Message.StartsWith("internal error", StringComparison.Ordinal));
            foreach (var finding in scan.Findings)
            {
                reported.Add((finding, byKey.GetValueOrDefault($"{package}/{finding.Location.Path}:{finding.Location.StartLine} {finding.Rule.Id}")));
            }
        }

        var unlabelled = reported.Where(r => r.Label is null).Select(r => $"{r.Finding.Location} {r.Finding.Rule.Id}: {r.Finding.Message}").ToList();
        Assert.True(unlabelled.Count == 0, "findings to read and label in precision-labels.tsv:\n" + string.Join('\n', unlabelled));

        var reportedKeys = reported.Select(r => r.Label!.Key).ToHashSet();
        var lost = labels.Where(l => l.Verdict == "true" && !reportedKeys.Contains(l.Key)).Select(l => $"{l.Key}: {l.Reason}").ToList();
        Assert.True(lost.Count == 0, "true findings no longer reported:\n" + string.Join('\n', lost));

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine("rule    reported  true  info  false  precision");
        foreach (var rule in reported.GroupBy(r => r.Finding.Rule.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var verdicts = rule.Select(r => r.Label!.Verdict).ToList();
            output.WriteLine($"{rule.Key,-7} {verdicts.Count,8} {verdicts.Count(v => v == "true"),5} {verdicts.Count(v => v == "info"),5} {verdicts.Count(v => v == "false"),6}  {Precision(verdicts):P0}");
        }

        var all = reported.Select(r => r.Label!.Verdict).ToList();
        var high = reported.Where(r => r.Finding.Severity >= Severity.High).Select(r => r.Label!.Verdict).ToList();
        output.WriteLine($"overall {all.Count} findings, precision {Precision(all):P1}; high and critical {high.Count}, precision {Precision(high):P1}");
        Assert.True(Precision(all) >= 0.80, $"overall precision {Precision(all):P1} under 80%");
        Assert.True(high.Count > 0 && Precision(high) >= 0.90, $"high/critical precision {Precision(high):P1} under 90%");
    }

    [Fact]
    public void Labels_are_well_formed_and_each_names_a_reason()
    {
        var (packages, labels) = ReadLabels();
        Assert.NotEmpty(packages);
        Assert.All(packages, p => Assert.True(Directory.Exists(Path.Combine(SitePackages, p)), $"{p} is not in {SitePackages}"));
        Assert.All(labels, l =>
        {
            Assert.Contains(l.Verdict, (string[])["true", "info", "false"]);
            Assert.Contains(l.Package, packages);
            Assert.True(l.Reason.Length >= 20, $"{l.Key}: the reason says too little");
            Assert.True(File.Exists(Path.Combine(SitePackages, l.Package, l.Path)), $"{l.Key}: no such file");
        });
        Assert.Equal(labels.Count, labels.Select(l => l.Key).Distinct().Count());
    }

    private static double Precision(IReadOnlyCollection<string> verdicts) =>
        verdicts.Count == 0 ? 1 : (double)verdicts.Count(v => v != "false") / verdicts.Count;

    private static (List<string> Packages, List<Label> Labels) ReadLabels()
    {
        var packages = new List<string>();
        var labels = new List<Label>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "precision-labels.tsv")))
        {
            if (line.StartsWith("# packages:", StringComparison.Ordinal))
            {
                packages.AddRange(line["# packages:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            Assert.True(fields.Length == 6, $"not six tab-separated fields: {line}");
            labels.Add(new Label(fields[0], fields[1], int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), fields[3], fields[4], fields[5]));
        }

        return (packages, labels);
    }
}
