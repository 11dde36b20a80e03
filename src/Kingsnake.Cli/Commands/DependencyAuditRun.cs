using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The dependency audit as the commands that read its result run it (<c>score</c> for Vulnerabilities, <c>sbom
/// --with-vulnerabilities</c>): the project's dependency files, or only the named environments, against the database
/// <see cref="DatabaseLocator"/> chose (the cache's current one when null), which must be there; a missing database
/// is a <see cref="DatabaseUnavailableException"/>.
/// </summary>
internal static class DependencyAuditRun
{
    public static AuditResult Audit(ProjectTree project, KingsnakeConfig config, DateTimeOffset now, string? databasePath, CliConsole console, IReadOnlyList<string>? environments = null)
    {
        var auditor = new DependencyAuditor(new DependencyAuditOptions
        {
            Environments = environments ?? [],
            DiscoverProject = environments is null,
            DatabasePath = databasePath,
            DatabaseRequired = true,
            CacheDirectory = DatabaseLocator.CacheDirectory(console),
            EnvironmentVariables = console.Environment,
        });
        return auditor.Audit(new AuditContext { Project = project, RootPath = project.RootPath, Config = config, Now = now }, CancellationToken.None);
    }
}
