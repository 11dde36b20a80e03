using Kingsnake.Advisories.Index;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Names;
using Kingsnake.Posture.Sbom;
using Kingsnake.Project;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake sbom --with-vulnerabilities</c>: runs the dependency audit over the same input (the project, or the
/// environment) and adds its advisories to the BOM as CycloneDX <c>vulnerabilities</c>, each affecting the components
/// of the exact versions it matched; advisories the project's configuration accepts carry their VEX analysis
/// (<see cref="BomVulnerabilities"/>). A distribution file's requirements are ranges, so there is nothing exact to match.
/// </summary>
internal static class SbomVulnerabilities
{
    public static BomDocument Add(BomDocument document, string input, bool isEnvironment, string? databaseOption, CliConsole console)
    {
        if (!isEnvironment && !Directory.Exists(input))
        {
            throw new UsageException("--with-vulnerabilities needs a project or an environment: a distribution file's requirements are ranges, with no exact version to match");
        }

        var notes = new List<InputNote>();
        var root = isEnvironment ? Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(input))! : input;
        var config = isEnvironment ? Kingsnake.Core.Configuration.KingsnakeConfig.Default : AuditSetup.LoadConfig(new ProjectReader(root), null, console, notes);
        var source = DatabaseLocator.Resolve(databaseOption, config, console, root);
        var cache = DatabaseLocator.CacheDirectory(console);
        var project = isEnvironment ? ProjectTree.Unwalked(root, new ProjectOptions { UserNamedPaths = [input] }) : ProjectTree.Open(root, new ProjectOptions { Exclude = config.Exclude });
        var now = DateTimeOffset.UtcNow;
        var result = DependencyAuditRun.Audit(project, config, now, source, console, isEnvironment ? [input] : null);
        var filtered = new Kingsnake.Core.Suppression.FindingFilter(config, Kingsnake.Core.Suppression.SourceLines.None, now: now).Apply(result.Findings);
        var findings = filtered.Kept.Concat(result.Suppressed.Select(s => s.Finding)).Concat(filtered.Suppressed.Select(s => s.Finding));

        var refs = new Dictionary<(string Name, string Version), string>();
        foreach (var component in document.Components)
        {
            if (component.Version is { } version)
            {
                refs.TryAdd((PackageName.Normalize(component.Name), version), component.Ref);
            }
        }

        var database = source is not null ? AdvisoryDatabase.Open(source, cache) : AdvisoryDatabase.OpenCurrent(cache);
        return document with { Vulnerabilities = BomVulnerabilities.Build(findings, refs, config.IgnoreVulnerabilities, now, database) };
    }
}
