using System.Diagnostics;
using System.Reflection;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Commands;

/// <summary>Runs auditors, applies the user's filters and assembles the one <see cref="Report"/>.</summary>
internal sealed class AuditRun(IReadOnlyList<IAuditor> auditors, AuditContext context, FindingFilter filter, IReadOnlyList<InputError>? setupErrors = null, IReadOnlyList<InputNote>? setupNotes = null)
{
    public static string ToolVersion { get; } =
        typeof(AuditRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// One auditor's run. A fault inside one area becomes an error of the report, so the other areas' results are
    /// still delivered; only a <see cref="RunFailedException"/> (the run cannot be done as asked, such as a missing
    /// advisory database) stops everything.
    /// </summary>
    private AuditResult RunOne(IAuditor auditor)
    {
        try
        {
            return auditor.Audit(context, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not RunFailedException and not OperationCanceledException)
        {
            var failed = new AuditResult();
            failed.Errors.Add(new InputError(SourceSpan.WholeFile("."), $"internal error in the {auditor.Area} audit: {ex.GetType().Name}: {ex.Message}"));
            return failed;
        }
    }

    public Report Execute(Stopwatch total)
    {
        var results = new AuditResult[auditors.Count];
        for (var i = 0; i < auditors.Count; i++)
        {
            context.Progress.StartArea(auditors[i].Area);
            results[i] = RunOne(auditors[i]);
            context.Progress.AreaDone();
        }

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
            Suppressed = [.. results.SelectMany(r => r.Suppressed), .. suppressed],
            Inventory = [.. results.SelectMany(r => r.Inventory)],
            // distinct: the setup and an area can meet the same fault (the project's requires-python, read by both)
            Errors = [.. (setupErrors ?? []).Concat(results.SelectMany(r => r.Errors)).Distinct()],
            Notes = [.. context.Config.Notes, .. setupNotes ?? [], .. results.SelectMany(r => r.Notes), .. filter.Notes],
            Timings = timings,
            ScannedFiles = [.. results.SelectMany(r => r.ScannedFiles).OrderBy(f => f.Path, StringComparer.Ordinal)],
            Database = results.Select(r => r.Database).FirstOrDefault(d => d is not null),
        };
    }
}
