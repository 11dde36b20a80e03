using System.CommandLine;
using System.Diagnostics;
using Kingsnake.Cli.Areas;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Project.Files;
using Kingsnake.Project.Walking;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The inputs of an audit and how they become auditors, shared by <c>kingsnake audit</c> and <c>kingsnake fix</c> so
/// that both see the same findings: the same configuration, areas, persona, suppressions and baseline.
/// </summary>
internal sealed class AuditSetup
{
    /// <summary>The areas, each with its own options, bound to this command.</summary>
    public IReadOnlyList<AreaBinding> Areas { get; } = AuditAreas.Create();

    public Argument<string[]> Paths { get; } = new("path")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "The project directory, or files and directories inside a project (as pre-commit passes them). Default: the project around the current directory (the closest kingsnake.toml or pyproject.toml, else the git work tree).",
    };

    public Option<string[]> Only { get; } = new("--only") { Description = "Run only these areas: deps, workflows, code, comma-separated or repeated (default: all)." };

    public Option<bool> NoDefaultExcludes { get; } = new("--no-default-excludes") { Description = "Code audit: also scan virtualenv, site-packages, node_modules, tox and build directories, which are skipped by default (Bandit skips none of them)." };

    public Option<bool> NoPeerTriage { get; } = new("--no-peer-triage") { Description = "Report what the project triaged with peer tools too: ruff (# noqa, ignore, per-file-ignores), zizmor (zizmor.yml) and Bandit's # nosec; Kingsnake's own ignores, comments and baseline still apply. Also: peer-triage = false in [tool.kingsnake]." };

    public Option<string?> PythonVersion { get; } = new("--python-version") { Description = "Evaluate environment markers for this Python version (default: every version the project's requires-python admits, else any)." };

    public Option<string?> Platform { get; } = new("--platform") { Description = "Evaluate environment markers for this sys.platform: linux, win32, darwin (default: any)." };

    public void AddTo(Command command)
    {
        command.Add(Paths);
        command.Add(Only);
        command.Add(PythonVersion);
        command.Add(Platform);
        foreach (var option in Areas.SelectMany(a => a.Options))
        {
            command.Add(option);
        }

        command.Add(NoDefaultExcludes);
        command.Add(NoPeerTriage);
    }

    /// <summary>The areas <c>kingsnake fix</c> runs when <c>--only</c> is not given.</summary>
    public IReadOnlyList<string> FixedByDefault => [.. Areas.Where(a => a.FixedByDefault).Select(a => a.Area.Name)];

    /// <summary>Every area's name.</summary>
    public IReadOnlyList<string> AllAreas => [.. Areas.Select(a => a.Area.Name)];

    /// <summary>
    /// Reads the configuration and builds the auditors the command line asks for. <paramref name="defaultAreas"/> are the
    /// areas run when <c>--only</c> is not given.
    /// </summary>
    public PreparedAudit Prepare(ParseResult parse, CommonOptions common, CliConsole console, IReadOnlyCollection<string> defaultAreas)
    {
        var explicitInputs = Areas.Any(a => a.NamesInputs(parse));
        var (rootPath, scope) = Locate(parse.GetValue(Paths) ?? [], explicitInputs, console);

        // what the user named may be read wherever it is; everything else a scanned file names stays inside the project
        string[] userNamed =
        [
            .. Areas.SelectMany(a => a.NamedPaths(parse)),
            .. parse.GetValue(common.Config) is { } namedConfig ? [namedConfig] : Array.Empty<string>(),
            .. parse.GetValue(common.Baseline) is { } namedBaseline ? [namedBaseline] : Array.Empty<string>(),
        ];
        var reader = new ProjectReader(rootPath, [.. userNamed.Select(p => System.IO.Path.GetFullPath(p, console.CurrentDirectory))]);
        var setupErrors = new List<InputError>();
        var setupNotes = new List<InputNote>();
        var config = LoadConfig(reader, parse.GetValue(common.Config), console, setupNotes);
        if (parse.GetValue(common.FailOn) is { } failOn)
        {
            config = config with { FailOn = CommonOptions.ParseSeverity(failOn) };
        }

        var pythonVersion = parse.GetValue(PythonVersion);
        if (pythonVersion is not null && !TargetEnvironment.IsPythonVersion(pythonVersion))
        {
            throw new UsageException($"--python-version must be a Python release such as 3.12 or 3.12.4 (got '{pythonVersion}')");
        }

        config = config with
        {
            Target = config.Target with
            {
                PythonVersion = pythonVersion ?? config.Target.PythonVersion,
                SysPlatform = parse.GetValue(Platform) ?? config.Target.SysPlatform,
            },
        };

        // paths a repository's own configuration names (db, baseline) must stay inside the project, like any other
        var fromRepository = parse.GetValue(common.Config) is null;
        if (fromRepository && config.Database is { } configuredDb && reader.ResolveReference(config.SourcePath ?? ConfigLoader.DedicatedFileName, 0, configuredDb, out var dbError) is null)
        {
            setupErrors.Add(dbError!);
            config = config with { Database = null };
        }

        var project = ProjectTree.Open(reader, new ProjectOptions
        {
            Exclude = config.Exclude,
            SkipDefaultExcludedDirectories = !parse.GetValue(NoDefaultExcludes),
            UserNamedPaths = reader.UserNamedPaths,
            Scope = scope,
        });
        setupErrors.AddRange(project.Errors);
        setupNotes.AddRange(project.Notes);

        // read once for every area: the dependency markers are judged by it, package code by its lowest version (PY810)
        var (supportedPython, pythonErrors) = SupportedPythonReader.ReadProject(project);
        setupErrors.AddRange(pythonErrors);
        var selected = SelectAreas(parse.GetValue(Only), defaultAreas);
        var onlyNamedInputs = scope is { Count: 0 };
        var peerTriage = config.PeerTriage && !parse.GetValue(NoPeerTriage);
        var areaSetup = new AreaSetup(parse, console, config, project, onlyNamedInputs, peerTriage, !parse.GetValue(NoDefaultExcludes), parse.GetValue(Only) is { Length: > 0 }, setupErrors);
        var auditors = new List<IAuditor>();
        var notRun = new List<string>();
        foreach (var area in selected)
        {
            if (onlyNamedInputs && area.ReadsOnlyProjectFiles)
            {
                notRun.Add(area.Area.Name);
                continue;
            }

            auditors.Add(area.Create(areaSetup));
        }

        if (notRun.Count > 0)
        {
            setupNotes.Add(new InputNote(SourceSpan.WholeFile("."), $"only the inputs named with -r, --lockfile or --env were audited; name the project too (kingsnake audit . --env …) to audit its {string.Join(" and ", notRun)} as well"));
        }

        var baseline = LoadBaseline(parse.GetValue(common.Baseline), fromRepository ? config : null, reader, console, setupErrors);
        var context = new AuditContext { RootPath = rootPath, Config = config, SupportedPython = supportedPython, Project = project };
        var sources = new ProjectSourceLines(project);
        // peers name rules by their aliases (ruff S602, zizmor template-injection): with no such rule running (a bare
        // dependency audit), their configuration files are not even looked for
        var peers = peerTriage && auditors.SelectMany(a => a.Rules).Any(r => r.Aliases.Count > 0) ? PeerTriageSources.Read(sources, setupErrors) : [];
        return new PreparedAudit(context, auditors, auditors.OfType<WorkflowAuditor>().FirstOrDefault(), baseline, setupErrors, setupNotes) { Sources = sources, PeerTriage = peers };
    }

    /// <summary>
    /// The project root and what of it to audit. One directory named is the project, audited whole (as always). Files,
    /// or several paths, are audited inside the project found around the current directory — or around them, when they
    /// lie outside it — with its configuration. With no path, the project around the current directory, found as ruff
    /// and git find theirs; when only inputs are named apart (<c>-r</c>, <c>--lockfile</c>, <c>--env</c>), just those.
    /// </summary>
    private static (string Root, IReadOnlyList<string>? Scope) Locate(string[] paths, bool explicitInputs, CliConsole console)
    {
        var full = paths.Select(p => System.IO.Path.GetFullPath(p, console.CurrentDirectory)).ToList();
        for (var i = 0; i < full.Count; i++)
        {
            if (!File.Exists(full[i]) && !Directory.Exists(full[i]))
            {
                throw new UsageException(full.Count == 1 && !System.IO.Path.HasExtension(paths[i]) ? $"no such directory: {full[i]}" : $"no such file or directory: {paths[i]}");
            }
        }

        if (full.Count == 1 && Directory.Exists(full[0]))
        {
            // a repository's .github (or a folder in it) is part of the repository, where its files are read as workflows
            return ProjectRoot.AboveGithubDirectory(full[0]) is { } repository ? (repository, full) : (full[0], null);
        }

        var around = ProjectRoot.Discover(console.CurrentDirectory);
        if (full.Count == 0)
        {
            return (around, explicitInputs ? [] : null);
        }

        var root = full.All(p => PathConfinement.IsUnder(p, around)) ? around : ProjectRoot.Discover(ProjectRoot.CommonDirectory(full));
        return (root, full);
    }

    /// <summary>The areas <c>--only</c> names (by name or alias, comma-separated or repeated), else <paramref name="defaultAreas"/>; in the areas' order.</summary>
    private List<AreaBinding> SelectAreas(string[]? only, IReadOnlyCollection<string> defaultAreas)
    {
        var names = only is null || only.Length == 0
            ? defaultAreas
            : [.. only.SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        foreach (var name in names.Where(n => !Areas.Any(a => a.Area.IsNamedBy(n))))
        {
            throw new UsageException($"unknown area '{name}' for --only; available: {string.Join(", ", AllAreas)}");
        }

        return [.. Areas.Where(a => names.Any(a.Area.IsNamedBy))];
    }

    /// <summary>
    /// The configuration, read through the project's reader, with the rule names it writes checked against every area's
    /// rules (Core reads it without knowing them): a name that matches no rule is a configuration error at its line. A
    /// configuration file that is not a regular file (a FIFO, a device, a link out of the project) holds no settings:
    /// it is noted and the defaults apply.
    /// </summary>
    internal static KingsnakeConfig LoadConfig(ProjectReader reader, string? explicitFile, CliConsole console, List<InputNote> notes)
    {
        string? ReadText(string full)
        {
            try
            {
                return reader.ReadTextIfPresent(full);
            }
            catch (EntryRefusedException ex) when (explicitFile is null)
            {
                notes.Add(new InputNote(SourceSpan.WholeFile(reader.Relative(full)), $"{ex.Message}; the configuration there is not used"));
                return null;
            }
        }

        try
        {
            var config = ConfigLoader.Load(reader.RootPath, explicitFile is null ? null : System.IO.Path.GetFullPath(explicitFile, console.CurrentDirectory), ReadText);
            config.CheckRuleNames(RulesCommand.Registry.All);
            return config;
        }
        catch (InputFormatException ex)
        {
            var file = explicitFile ?? (File.Exists(System.IO.Path.Combine(reader.RootPath, ConfigLoader.DedicatedFileName)) ? ConfigLoader.DedicatedFileName : ConfigLoader.PyProjectFileName);
            throw new ConfigurationException($"{ex.ToError(file)}", ex);
        }
    }

    /// <summary>
    /// The baseline: <c>--baseline</c> (relative to the project root when it exists there, else to the current
    /// directory), else the configuration's <c>baseline</c>, which must stay inside the project when the configuration
    /// is the repository's own.
    /// </summary>
    private static HashSet<string>? LoadBaseline(string? option, KingsnakeConfig? repositoryConfig, ProjectReader reader, CliConsole console, List<InputError> errors)
    {
        string full;
        string shown;
        if (option is not null)
        {
            shown = option;
            var underRoot = System.IO.Path.Combine(reader.RootPath, option);
            full = System.IO.Path.IsPathRooted(option) ? option : File.Exists(underRoot) ? underRoot : System.IO.Path.GetFullPath(option, console.CurrentDirectory);
        }
        else if (repositoryConfig?.Baseline is { } configured)
        {
            shown = configured;
            if (reader.ResolveReference(repositoryConfig.SourcePath ?? ConfigLoader.DedicatedFileName, 0, configured, out var error) is not { } inside)
            {
                errors.Add(error!);
                return null;
            }

            full = inside;
        }
        else
        {
            return null;
        }

        try
        {
            return Baseline.Parse(reader.Read(full, shown).Bytes);
        }
        catch (InputFormatException ex)
        {
            throw new UsageException($"{ex.ToError(shown)}");
        }
    }
}

/// <summary>An audit ready to run: its context, auditors (the workflow auditor also by itself, for re-auditing edited text) and filters.</summary>
internal sealed record PreparedAudit(AuditContext Context, IReadOnlyList<IAuditor> Auditors, WorkflowAuditor? Workflows, HashSet<string>? Baseline, IReadOnlyList<InputError> SetupErrors, IReadOnlyList<InputNote> SetupNotes)
{
    /// <summary>The project's files as the filter reads their comments.</summary>
    public ISourceLines Sources { get; init; } = SourceLines.None;

    /// <summary>The triage the project did with peer tools; empty when it is turned off.</summary>
    public IReadOnlyList<IPeerTriage> PeerTriage { get; init; } = [];

    /// <summary>The filter every finding of this audit goes through; <paramref name="sources"/> replaces <see cref="Sources"/> (text edited in memory).</summary>
    public FindingFilter Filter(ISourceLines? sources = null) => new(Config, sources ?? Sources, Baseline, Context.Now, PeerTriage);

    public string RootPath => Context.RootPath;

    public KingsnakeConfig Config => Context.Config;

    /// <summary>Runs every auditor over the files on disk; a missing advisory database stops the run, with how to get one.</summary>
    public Report Run(Stopwatch stopwatch)
    {
        try
        {
            return new AuditRun(Auditors, Context, Filter(), SetupErrors, SetupNotes).Execute(stopwatch);
        }
        catch (DatabaseUnavailableException ex)
        {
            throw new DatabaseUnavailableException($"{ex.Message}. {DatabaseLocator.HowToGetOne}", ex);
        }
    }
}
