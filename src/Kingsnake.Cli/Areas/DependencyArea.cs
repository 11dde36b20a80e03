using System.CommandLine;
using Kingsnake.Advisories.Index;
using Kingsnake.Cli.Commands;
using Kingsnake.Core.Rules;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Areas;

/// <summary>The dependency area: inputs found in the project, and those named with <c>-r</c>, <c>--lockfile</c> and <c>--env</c>.</summary>
internal sealed class DependencyArea : AreaBinding
{
    private readonly Option<string[]> _requirements = new("--requirements", "-r") { Description = "Audit this requirements file (repeatable); added to what the project holds." };

    private readonly Option<string[]> _lockfiles = new("--lockfile") { Description = "Audit this lockfile: poetry.lock, uv.lock, Pipfile.lock, pdm.lock, pylock.toml (repeatable)." };

    private readonly Option<string[]> _environments = new("--env") { Description = "Audit this installed environment: a site-packages directory or a virtualenv (repeatable)." };

    private readonly Option<string?> _database = new("--db") { Description = "Advisory database: a directory of OSV records, an OSV zip export (default: KINGSNAKE_DB, then the cache filled by 'kingsnake db')." };

    public override AuditArea Area => DependencyRules.AuditArea;

    /// <summary>
    /// <c>fix</c> raises vulnerable pins and lower bounds and prints the relock command of what a lock owns; it needs an
    /// advisory database, so without <c>--only</c> it runs only when one is at hand (<see cref="HasDatabase"/>).
    /// </summary>
    public override bool FixedByDefault => false;

    /// <summary>True when a database is named (<c>KINGSNAKE_DB</c>, the configuration's <c>db</c>) or the cache has a current one.</summary>
    public static bool HasDatabase(CliConsole console, string? configured) =>
        NamesDatabase(console, configured) || AdvisoryDatabase.HasCurrent(DatabaseLocator.CacheDirectory(console));

    /// <summary>True when the environment (<c>KINGSNAKE_DB</c>) or the configuration (<c>db</c>) names a database.</summary>
    private static bool NamesDatabase(CliConsole console, string? configured) =>
        console.GetEnvironmentVariable("KINGSNAKE_DB") is { Length: > 0 } || configured is not null;

    /// <summary>The database this command line names with <c>--db</c>, if any.</summary>
    public string? NamedDatabase(ParseResult parse) => parse.GetValue(_database);

    public override bool ReadsOnlyProjectFiles => false;

    public override IReadOnlyList<Option> Options => [_requirements, _lockfiles, _environments, _database];

    public override IEnumerable<string> NamedPaths(ParseResult parse) =>
        [.. parse.GetValue(_requirements) ?? [], .. parse.GetValue(_lockfiles) ?? [], .. parse.GetValue(_environments) ?? []];

    public override bool NamesInputs(ParseResult parse) => NamedPaths(parse).Any();

    public override IAuditor Create(AreaSetup setup) => new DependencyAuditor(new DependencyAuditOptions
    {
        Requirements = [.. (setup.Parse.GetValue(_requirements) ?? []).Select(p => setup.Named(p, "--requirements"))],
        Lockfiles = [.. (setup.Parse.GetValue(_lockfiles) ?? []).Select(p => setup.Named(p, "--lockfile"))],
        Environments = [.. (setup.Parse.GetValue(_environments) ?? []).Select(p => setup.Named(p, "--env"))],
        DiscoverProject = !setup.OnlyNamedInputs,
        DatabasePath = DatabaseLocator.Resolve(setup.Parse.GetValue(_database), setup.Config, setup.Console, setup.Project.RootPath),
        // asked for by name (--only deps, named inputs, a named database): no database stops the run; run only because
        // every area runs by default, the other areas still report
        DatabaseRequired = setup.AreasNamed || NamesInputs(setup.Parse) || NamedDatabase(setup.Parse) is not null
            || NamesDatabase(setup.Console, setup.Config.Database),
        CacheDirectory = DatabaseLocator.CacheDirectory(setup.Console),
        EnvironmentVariables = setup.Console.Environment,
    });
}
