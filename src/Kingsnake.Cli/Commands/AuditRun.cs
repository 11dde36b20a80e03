using System.Diagnostics;
using System.Reflection;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Cli.Commands;

/// <summary>Runs auditors, applies the user's filters and assembles the one <see cref="Report"/>.</summary>
internal sealed class AuditRun(IReadOnlyList<IAuditor> auditors, AuditContext context, IReadOnlySet<string>? baseline)
{
    public static string ToolVersion { get; } =
        typeof(AuditRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public Report Execute(Stopwatch total)
    {
        var results = new AuditResult[auditors.Count];
        for (var i = 0; i < auditors.Count; i++)
        {
            results[i] = auditors[i].Audit(context, CancellationToken.None);
        }

        var filter = new FindingFilter(context.Config, context.RootPath, baseline, context.Now);
        var stopwatch = Stopwatch.StartNew();
        var (kept, suppressed) = filter.Apply(results.SelectMany(r => r.Findings));
        var timings = results.SelectMany(r => r.Timings).ToList();
        timings.Add(new Timing("filter", stopwatch.Elapsed, $"{kept.Count} kept, {suppressed.Count} suppressed"));
        timings.Add(new Timing("total", total.Elapsed));

        return new Report
        {
            ToolVersion = ToolVersion,
            RootPath = context.RootPath,
            StartedAt = context.Now,
            Rules = [.. auditors.SelectMany(a => a.Rules)],
            Findings = [.. kept.OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.StartLine).ThenBy(f => f.Location.StartColumn).ThenBy(f => f.Rule.Id, StringComparer.Ordinal)],
            Suppressed = suppressed,
            Inventory = [.. results.SelectMany(r => r.Inventory)],
            Errors = [.. results.SelectMany(r => r.Errors)],
            Notes = [.. context.Config.Notes, .. results.SelectMany(r => r.Notes), .. filter.Notes],
            Timings = timings,
            Database = results.Select(r => r.Database).FirstOrDefault(d => d.Count > 0) ?? new Dictionary<string, string>(),
        };
    }
}
