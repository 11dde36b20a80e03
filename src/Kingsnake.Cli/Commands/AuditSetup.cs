using System.CommandLine;
using System.Diagnostics;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Project.Files;
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
    public static readonly string[] Areas = ["deps", "workflows", "code"];

    public Argument<string?> Path { get; } = new("path") { Arity = ArgumentArity.ZeroOrOne, Description = "The project directory (default: the current directory)." };

    public Option<string[]> Only { get; } = new("--only") { Description = "Run only these areas: deps, workflows, code (default: all).", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Compat { get; } = new("--compat") { Description = "Code audit grading: kingsnake (default, fewer false alarms) or bandit (Bandit's answers for the Bandit-aliased rules)." };

    public Option<string?> BanditConfig { get; } = new("--bandit-config") { Description = "Read Bandit settings (skips, tests, exclude_dirs, plugin options) from this YAML, TOML or INI file." };

    public Option<bool> NoDefaultExcludes { get; } = new("--no-default-excludes") { Description = "Code audit: also scan virtualenv, site-packages, node_modules, tox and build directories, which are skipped by default (Bandit skips none of them)." };

    public Option<string?> ActionData { get; } = new("--action-data") { Description = "Workflow audit: a snapshot of action repositories' tags, branches, commits and advisories (kingsnake-action-data/1 JSON); turns on impostor-commit, known-vulnerable-actions, ref-confusion and stale-action-refs." };

    public Option<string?> Persona { get; } = new("--persona") { Description = "Workflow audit strictness: regular (default), pedantic, auditor." };

    public Option<string?> Pins { get; } = new("--pins") { Description = $"Action pins file: tag → commit facts for the unpinned-uses fix and ref-version-mismatch (default: {ActionPins.LockFileName} when it exists)." };

    public Option<string[]> Requirements { get; } = new("--requirements", "-r") { Description = "Audit this requirements file (repeatable)." };

    public Option<string[]> Lockfiles { get; } = new("--lockfile") { Description = "Audit this lockfile: poetry.lock, uv.lock, Pipfile.lock, pdm.lock, pylock.toml (repeatable)." };

    public Option<string[]> Environments { get; } = new("--env") { Description = "Audit this installed environment: a site-packages directory or a virtualenv (repeatable)." };

    public Option<string?> Database { get; } = new("--db") { Description = "Advisory database: a directory of OSV records, an OSV zip export (default: KINGSNAKE_DB, then the cache filled by 'kingsnake db')." };

    public Option<bool> NoPeerTriage { get; } = new("--no-peer-triage") { Description = "Report what the project triaged with peer tools too: ruff (# noqa, ignore, per-file-ignores), zizmor (zizmor.yml) and Bandit's # nosec; Kingsnake's own ignores, comments and baseline still apply. Also: peer-triage = false in [tool.kingsnake]." };

    public Option<string?> PythonVersion { get; } = new("--python-version") { Description = "Evaluate environment markers for this Python version (default: every version the project's requires-python admits, else any)." };

    public Option<string?> Platform { get; } = new("--platform") { Description = "Evaluate environment markers for this sys.platform: linux, win32, darwin (default: any)." };

    public void AddTo(Command command)
    {
        command.Add(Path);
        command.Add(Only);
        command.Add(Requirements);
        command.Add(Lockfiles);
        command.Add(Environments);
        command.Add(Database);
        command.Add(PythonVersion);
        command.Add(Platform);
        command.Add(Persona);
        command.Add(Pins);
        command.Add(ActionData);
        command.Add(Compat);
        command.Add(BanditConfig);
        command.Add(NoDefaultExcludes);
        command.Add(NoPeerTriage);
    }

    /// <summary>
    /// Reads the configuration and builds the auditors the command line asks for. <paramref name="defaultAreas"/> are the
    /// areas run when <c>--only</c> is not given.
    /// </summary>
    public PreparedAudit Prepare(ParseResult parse, CommonOptions common, CliConsole console, IReadOnlyCollection<string> defaultAreas)
    {
        var rootPath = System.IO.Path.GetFullPath(parse.GetValue(Path) ?? ".", console.CurrentDirectory);
        var explicitInputs = (parse.GetValue(Requirements) ?? []).Length + (parse.GetValue(Lockfiles) ?? []).Length + (parse.GetValue(Environments) ?? []).Length > 0;
        if (!Directory.Exists(rootPath) && !(explicitInputs && parse.GetValue(Path) is null))
        {
            throw new UsageException($"no such directory: {rootPath}");
        }

        // what the user named may be read wherever it is; everything else a scanned file names stays inside the project
        string[] userNamed =
        [
            .. parse.GetValue(Requirements) ?? [], .. parse.GetValue(Lockfiles) ?? [], .. parse.GetValue(Environments) ?? [],
            .. parse.GetValue(Pins) is { } namedPins ? [namedPins] : Array.Empty<string>(),
            .. parse.GetValue(common.Config) is { } namedConfig ? [namedConfig] : Array.Empty<string>(),
            .. parse.GetValue(common.Baseline) is { } namedBaseline ? [namedBaseline] : Array.Empty<string>(),
            .. parse.GetValue(BanditConfig) is { } namedBandit ? [namedBandit] : Array.Empty<string>(),
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
        });
        setupErrors.AddRange(project.Errors);
        setupNotes.AddRange(project.Notes);

        // read once for every area: the dependency markers are judged by it, package code by its lowest version (PY810)
        var (supportedPython, pythonErrors) = SupportedPythonReader.ReadProject(project);
        setupErrors.AddRange(pythonErrors);
        var selectedAreas = SelectAreas(parse.GetValue(Only), defaultAreas);
        var auditors = new List<IAuditor>();
        if (selectedAreas.Contains("deps"))
        {
            auditors.Add(new DependencyAuditor(new DependencyAuditOptions
            {
                Requirements = [.. (parse.GetValue(Requirements) ?? []).Select(p => Named(p, "--requirements", console))],
                Lockfiles = [.. (parse.GetValue(Lockfiles) ?? []).Select(p => Named(p, "--lockfile", console))],
                Environments = [.. (parse.GetValue(Environments) ?? []).Select(p => Named(p, "--env", console))],
                DiscoverProject = !explicitInputs,
                DatabasePath = DatabaseLocator.Resolve(parse.GetValue(Database), config, console, rootPath),
                CacheDirectory = DatabaseLocator.CacheDirectory(console),
                EnvironmentVariables = console.Environment,
            }));
        }

        WorkflowAuditor? workflows = null;
        if (selectedAreas.Contains("workflows") && !explicitInputs)
        {
            var workflowSettings = config.Workflows;
            var pinsFile = parse.GetValue(Pins) is { } pins ? Named(pins, "--pins", console) : null;
            workflows = new WorkflowAuditor(new WorkflowAuditOptions
            {
                Persona = ParsePersona(parse.GetValue(Persona) ?? workflowSettings.Persona),
                UnpinnedPolicy = workflowSettings.UnpinnedPolicy switch
                {
                    "hash-pin" => UnpinnedPolicy.HashPinAll,
                    "ref-pin" => UnpinnedPolicy.RefPin,
                    _ => UnpinnedPolicy.HashPinThirdParty,
                },
                ForbiddenUses = new UsesPolicy(workflowSettings.AllowUses, workflowSettings.DenyUses),
                DependabotCooldownDays = workflowSettings.DependabotCooldownDays ?? WorkflowAuditOptions.Default.DependabotCooldownDays,
                ActionPins = ActionPins.Load(project, pinsFile, setupErrors),
                ActionDataPath = parse.GetValue(ActionData) is { } dataPath ? Named(dataPath, "--action-data", console) : null,
            });
            auditors.Add(workflows);
        }

        var peerTriage = config.PeerTriage && !parse.GetValue(NoPeerTriage);
        if (selectedAreas.Contains("code") && !explicitInputs)
        {
            auditors.Add(new CodeAuditor(new CodeAuditOptions
            {
                IgnoreNosec = !peerTriage,
                Compatibility = ParseCompatibility(parse.GetValue(Compat)),
                SkipEnvironmentDirectories = !parse.GetValue(NoDefaultExcludes),
                BanditConfigPath = parse.GetValue(BanditConfig) is { } banditPath ? Named(banditPath, "--bandit-config", console) : null,
            }));
        }

        var baseline = LoadBaseline(parse.GetValue(common.Baseline), fromRepository ? config : null, reader, console, setupErrors);
        var context = new AuditContext { RootPath = rootPath, Config = config, SupportedPython = supportedPython, Project = project };
        var sources = new ProjectSourceLines(project);
        var peers = peerTriage ? PeerTriageSources.Read(sources, setupErrors) : [];
        return new PreparedAudit(context, auditors, workflows, baseline, setupErrors, setupNotes) { Sources = sources, PeerTriage = peers };
    }

    /// <summary>
    /// The full path of a file or directory named on the command line. One that does not exist is a bad argument (a
    /// typo must not pass as "no findings"), unlike a file the run finds, or one a file names, which is an input error.
    /// </summary>
    private static string Named(string path, string option, CliConsole console)
    {
        var full = System.IO.Path.GetFullPath(path, console.CurrentDirectory);
        return File.Exists(full) || Directory.Exists(full) ? full : throw new UsageException($"{option}: no such file or directory: {path}");
    }

    private static HashSet<string> SelectAreas(string[]? only, IReadOnlyCollection<string> defaultAreas)
    {
        if (only is null || only.Length == 0)
        {
            return [.. defaultAreas];
        }

        var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in only.SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var area = item.ToLowerInvariant() switch
            {
                "deps" or "dependencies" => "deps",
                "workflows" or "actions" => "workflows",
                "code" => "code",
                "packaging" => throw new UsageException($"the '{item}' audit is not available in this version; available: {string.Join(", ", Areas)}"),
                _ => throw new UsageException($"unknown area '{item}' for --only; available: {string.Join(", ", Areas)}"),
            };
            selected.Add(area);
        }

        return selected;
    }

    private static CodeCompatibility ParseCompatibility(string? text) => text?.ToLowerInvariant() switch
    {
        null or "kingsnake" => CodeCompatibility.Kingsnake,
        "bandit" => CodeCompatibility.Bandit,
        _ => throw new UsageException($"--compat must be kingsnake or bandit (got '{text}')"),
    };

    private static Persona ParsePersona(string? text) => text?.ToLowerInvariant() switch
    {
        null or "regular" => Kingsnake.Workflows.Audits.Persona.Regular,
        "pedantic" => Kingsnake.Workflows.Audits.Persona.Pedantic,
        "auditor" => Kingsnake.Workflows.Audits.Persona.Auditor,
        _ => throw new UsageException($"--persona must be regular, pedantic or auditor (got '{text}')"),
    };

    /// <summary>
    /// The configuration, read through the project's reader, with the rule names it writes checked against every area's
    /// rules (Core reads it without knowing them): a name that matches no rule is a configuration error at its line. A
    /// configuration file that is not a regular file (a FIFO, a device, a link out of the project) holds no settings:
    /// it is noted and the defaults apply.
    /// </summary>
    private static KingsnakeConfig LoadConfig(ProjectReader reader, string? explicitFile, CliConsole console, List<InputNote> notes)
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
