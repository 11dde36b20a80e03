using System.CommandLine;
using System.Diagnostics;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Cli.Commands;

/// <summary><c>kingsnake audit [PATH]</c>: runs the auditors over a project and reports.</summary>
internal static class AuditCommand
{
    private static readonly string[] Areas = ["deps", "workflows", "code"];

    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var path = new Argument<string?>("path") { Arity = ArgumentArity.ZeroOrOne, Description = "The project directory (default: the current directory)." };
        var only = new Option<string[]>("--only") { Description = "Run only these areas: deps, workflows, code (default: all).", AllowMultipleArgumentsPerToken = true };
        var compat = new Option<string?>("--compat") { Description = "Code audit grading: kingsnake (default, fewer false alarms) or bandit (Bandit's answers for the Bandit-aliased rules)." };
        var noDefaultExcludes = new Option<bool>("--no-default-excludes") { Description = "Code audit: also scan virtualenv, site-packages, node_modules, tox and build directories, which are skipped by default (Bandit skips none of them)." };
        var banditConfig = new Option<string?>("--bandit-config") { Description = "Read Bandit settings (skips, tests, exclude_dirs, plugin options) from this YAML, TOML or INI file." };
        var actionData = new Option<string?>("--action-data") { Description = "Workflow audit: a snapshot of action repositories' tags, branches, commits and advisories (kingsnake-action-data/1 JSON); turns on impostor-commit, known-vulnerable-actions, ref-confusion and stale-action-refs." };
        var persona = new Option<string?>("--persona") { Description = "Workflow audit strictness: regular (default), pedantic, auditor." };
        var requirements = new Option<string[]>("--requirements", "-r") { Description = "Audit this requirements file (repeatable).", };
        var lockfiles = new Option<string[]>("--lockfile") { Description = "Audit this lockfile: poetry.lock, uv.lock, Pipfile.lock, pdm.lock, pylock.toml (repeatable)." };
        var environments = new Option<string[]>("--env") { Description = "Audit this installed environment: a site-packages directory or a virtualenv (repeatable)." };
        var database = new Option<string?>("--db") { Description = "Advisory database: a directory of OSV records, an OSV zip export (default: KINGSNAKE_DB, then the cache filled by 'kingsnake db')." };
        var pythonVersion = new Option<string?>("--python-version") { Description = "Evaluate environment markers for this Python version (default: any)." };
        var platform = new Option<string?>("--platform") { Description = "Evaluate environment markers for this sys.platform: linux, win32, darwin (default: any)." };

        var command = new Command("audit", "Audit a project: known-vulnerable dependencies, GitHub Actions workflows and insecure Python code.")
        {
            path, only, requirements, lockfiles, environments, database, pythonVersion, platform, persona, actionData, compat, banditConfig, noDefaultExcludes,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            var format = parse.GetValue(common.Format) ?? "terminal";
            if (!Kingsnake.Reporting.ReportRenderers.TryGet(format, null, out _))
            {
                // Checked before the audit runs, so a typo costs nothing.
                throw new UsageException($"unknown --format '{format}' (known: {string.Join(", ", Kingsnake.Reporting.ReportRenderers.Formats)})");
            }

            var rootPath = Path.GetFullPath(parse.GetValue(path) ?? ".", console.CurrentDirectory);
            var explicitInputs = (parse.GetValue(requirements) ?? []).Length + (parse.GetValue(lockfiles) ?? []).Length + (parse.GetValue(environments) ?? []).Length > 0;
            if (!Directory.Exists(rootPath) && !(explicitInputs && parse.GetValue(path) is null))
            {
                throw new UsageException($"no such directory: {rootPath}");
            }

            var config = LoadConfig(rootPath, parse.GetValue(common.Config), console);
            if (parse.GetValue(common.FailOn) is { } failOn)
            {
                config = config with { FailOn = CommonOptions.ParseSeverity(failOn) };
            }

            config = config with
            {
                Target = config.Target with
                {
                    PythonVersion = parse.GetValue(pythonVersion) ?? config.Target.PythonVersion,
                    SysPlatform = parse.GetValue(platform) ?? config.Target.SysPlatform,
                },
            };

            var selectedAreas = SelectAreas(parse.GetValue(only));
            var auditors = new List<IAuditor>();
            if (selectedAreas.Contains("deps"))
            {
                auditors.Add(new DependencyAuditor(new DependencyAuditOptions
                {
                    Requirements = [.. (parse.GetValue(requirements) ?? []).Select(p => Path.GetFullPath(p, console.CurrentDirectory))],
                    Lockfiles = [.. (parse.GetValue(lockfiles) ?? []).Select(p => Path.GetFullPath(p, console.CurrentDirectory))],
                    Environments = [.. (parse.GetValue(environments) ?? []).Select(p => Path.GetFullPath(p, console.CurrentDirectory))],
                    DiscoverProject = !explicitInputs,
                    DatabasePath = DatabaseLocator.Resolve(parse.GetValue(database), config, console, rootPath),
                    CacheDirectory = DatabaseLocator.CacheDirectory(console),
                    EnvironmentVariables = console.Environment,
                }));
            }

            if (selectedAreas.Contains("workflows") && !explicitInputs)
            {
                var workflowSettings = config.Workflows;
                auditors.Add(new WorkflowAuditor(new WorkflowAuditOptions
                {
                    Persona = ParsePersona(parse.GetValue(persona) ?? workflowSettings.Persona),
                    UnpinnedPolicy = workflowSettings.UnpinnedPolicy switch
                    {
                        "hash-pin" => UnpinnedPolicy.HashPinAll,
                        "ref-pin" => UnpinnedPolicy.RefPin,
                        _ => UnpinnedPolicy.HashPinThirdParty,
                    },
                    ForbiddenUses = new UsesPolicy(workflowSettings.AllowUses, workflowSettings.DenyUses),
                    DependabotCooldownDays = workflowSettings.DependabotCooldownDays ?? WorkflowAuditOptions.Default.DependabotCooldownDays,
                    ActionDataPath = parse.GetValue(actionData) is { } dataPath ? Path.GetFullPath(dataPath, console.CurrentDirectory) : null,
                }));
            }

            if (selectedAreas.Contains("code") && !explicitInputs)
            {
                auditors.Add(new CodeAuditor(new CodeAuditOptions
                {
                    Compatibility = ParseCompatibility(parse.GetValue(compat)),
                    SkipEnvironmentDirectories = !parse.GetValue(noDefaultExcludes),
                    BanditConfigPath = parse.GetValue(banditConfig) is { } banditPath ? Path.GetFullPath(banditPath, console.CurrentDirectory) : null,
                }));
            }

            var context = new AuditContext { RootPath = rootPath, Config = config };
            var run = new AuditRun(auditors, context, LoadBaseline(parse.GetValue(common.Baseline) ?? config.Baseline, rootPath, console));
            Report report;
            try
            {
                report = run.Execute(stopwatch);
            }
            catch (DatabaseUnavailableException ex)
            {
                throw new UsageException($"{ex.Message}. {DatabaseLocator.HowToGetOne}", ex);
            }

            if (parse.GetValue(common.WriteBaseline) is { } baselineOut)
            {
                Baseline.Write(Path.GetFullPath(baselineOut, console.CurrentDirectory), report.Findings);
            }

            ReportOutput.Write(report, format, parse.GetValue(common.Output), console, parse.GetValue(common.NoColor));
            if (parse.GetValue(common.Timings))
            {
                foreach (var timing in report.Timings)
                {
                    console.Error.WriteLine($"timing: {timing.Stage,-28} {timing.Elapsed.TotalMilliseconds,9:F1} ms  {timing.Detail}");
                }
            }

            if (!parse.GetValue(common.Quiet))
            {
                foreach (var error in report.Errors)
                {
                    console.Error.WriteLine($"error: {error}");
                }
            }

            if (report.Errors.Count > 0)
            {
                return ExitCodes.Error;
            }

            return report.CountAtOrAbove(config.FailOn) > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    private static HashSet<string> SelectAreas(string[]? only)
    {
        if (only is null || only.Length == 0)
        {
            return [.. Areas];
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
        null or "regular" => Persona.Regular,
        "pedantic" => Persona.Pedantic,
        "auditor" => Persona.Auditor,
        _ => throw new UsageException($"--persona must be regular, pedantic or auditor (got '{text}')"),
    };

    private static KingsnakeConfig LoadConfig(string rootPath, string? explicitFile, CliConsole console)
    {
        try
        {
            return ConfigLoader.Load(rootPath, explicitFile is null ? null : Path.GetFullPath(explicitFile, console.CurrentDirectory));
        }
        catch (InputFormatException ex)
        {
            var file = explicitFile ?? (File.Exists(Path.Combine(rootPath, ConfigLoader.DedicatedFileName)) ? ConfigLoader.DedicatedFileName : ConfigLoader.PyProjectFileName);
            throw new UsageException($"{ex.ToError(file)}");
        }
    }

    private static HashSet<string>? LoadBaseline(string? path, string rootPath, CliConsole console)
    {
        if (path is null)
        {
            return null;
        }

        var full = Path.IsPathRooted(path) ? path : File.Exists(Path.Combine(rootPath, path)) ? Path.Combine(rootPath, path) : Path.GetFullPath(path, console.CurrentDirectory);
        try
        {
            return Baseline.Load(full);
        }
        catch (InputFormatException ex)
        {
            throw new UsageException($"{ex.ToError(path)}");
        }
    }
}
