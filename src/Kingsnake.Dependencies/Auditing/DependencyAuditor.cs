using System.Diagnostics;
using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Index;
using Kingsnake.Advisories.Matching;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Rules;
using Kingsnake.Dependencies.Discovery;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Dependencies.Auditing;

/// <summary>
/// Finds known-vulnerable dependencies: reads the inventory, matches every component against the advisory
/// database (OSV semantics, PEP 440 order) and reports one finding per (component, vulnerability).
/// </summary>
public sealed class DependencyAuditor(DependencyAuditOptions options) : IAuditor
{
    public string Area => DependencyRules.Area;

    public IReadOnlyList<Rule> Rules => DependencyRules.All;

    public AuditResult Audit(AuditContext context, CancellationToken cancellationToken)
    {
        var result = new AuditResult();
        if (NothingInScope(context))
        {
            return result;
        }

        var stopwatch = Stopwatch.StartNew();
        AdvisoryDatabase database;
        try
        {
            database = OpenDatabase();
        }
        catch (DatabaseUnavailableException ex) when (!options.DatabaseRequired)
        {
            result.Errors.Add(new InputError(SourceSpan.WholeFile("."), $"dependencies not audited: {ex.Message}. {DatabaseUnavailableException.HowToGetOne}"));
            return result;
        }

        result.Timings.Add(new Timing("deps: open advisory index", stopwatch.Elapsed, $"{database.Status.VulnerabilityCount} vulnerabilities, {(database.Status.LoadedFromCache ? "cached" : "compiled")}"));
        result.Errors.AddRange(database.Errors);
        var databaseInfo = AdvisoryDatabaseInfo.From(database.Status, context.Now);
        result.Database = databaseInfo;
        if (databaseInfo.StaleNote(named: options.DatabasePath is not null) is { } stale)
        {
            result.Notes.Add(new InputNote(SourceSpan.WholeFile("."), stale));
        }

        stopwatch.Restart();
        var inputs = BuildInputs(context);
        var inventory = DependencyReader.Read(inputs, new DependencyReadOptions { EnvironmentVariables = options.EnvironmentVariables }, cancellationToken);
        result.Timings.Add(new Timing("deps: read inventory", stopwatch.Elapsed, $"{inventory.Components.Count} components from {inventory.Timings.Select(t => t.Path).Distinct().Count()} inputs"));
        result.Inventory.AddRange(inventory.Components);
        result.Errors.AddRange(inventory.Errors);
        result.Notes.AddRange(inventory.Notes);
        if (inventory.Timings.Count == 0)
        {
            result.Notes.Add(new InputNote(
                SourceSpan.WholeFile("."),
                "no dependency inputs found: looked for requirements*.txt, requirements/*.in, pyproject.toml, poetry.lock, uv.lock, Pipfile.lock, pdm.lock, pylock*.toml and PEP 723 scripts; name inputs with --requirements, --lockfile or --env"));
        }

        stopwatch.Restart();
        var matcher = new ComponentMatcher(database, context, inventory, new DependencyRemedy(inputs.Project), result.Suppressed);
        foreach (var component in inventory.Components)
        {
            cancellationToken.ThrowIfCancellationRequested();
            matcher.Audit(component, result.Findings);
        }

        result.Timings.Add(new Timing("deps: match advisories", stopwatch.Elapsed, $"{result.Findings.Count} findings"));
        return result;
    }

    /// <summary>
    /// True when the user named files (as pre-commit does) and none of them is a dependency input: the audit has nothing
    /// to read, so it neither opens the advisory database nor says that it found no inputs — it was not asked to look.
    /// </summary>
    private bool NothingInScope(AuditContext context) =>
        context.Project.Options.Scope is not null && options.DiscoverProject
        && options.Requirements.Count + options.Lockfiles.Count + options.Environments.Count == 0
        && DependencyDiscovery.Discover(context.Project).Inputs.Count == 0;

    private AdvisoryDatabase OpenDatabase()
    {
        try
        {
            return options.DatabasePath is { } source
                ? AdvisoryDatabase.Open(source, options.CacheDirectory)
                : AdvisoryDatabase.OpenCurrent(options.CacheDirectory);
        }
        catch (AdvisoryDatabaseException ex)
        {
            throw new DatabaseUnavailableException(ex.Message, ex);
        }
    }

    private DependencyInputs BuildInputs(AuditContext context)
    {
        var explicitInputs = new List<DependencyInput>();
        explicitInputs.AddRange(options.Requirements.Select(p => new DependencyInput(DependencyFileKind.Requirements, p)));
        explicitInputs.AddRange(options.Lockfiles.Select(DependencyDiscovery.ForExplicitPath));
        explicitInputs.AddRange(options.Environments.Select(p => new DependencyInput(DependencyFileKind.Environment, p)));
        return new DependencyInputs
        {
            Project = ProjectFor(context, [.. options.Requirements, .. options.Lockfiles, .. options.Environments]),
            Discover = options.DiscoverProject,
            Explicit = explicitInputs,
        };
    }

    /// <summary>
    /// The project of the run, as long as it honours what this audit needs: the configuration's <c>exclude</c> (when the
    /// project's files are the inputs) and the inputs the user named (which paths their includes may reach). A context
    /// whose project was opened without them (with default options, on first use) gets one that has them. When only
    /// named inputs are read, the tree is not walked at all (the root may be any working directory).
    /// </summary>
    private ProjectTree ProjectFor(AuditContext context, IReadOnlyList<string> named)
    {
        if (!options.DiscoverProject)
        {
            // the run's own project when it confines the named inputs: they are then read once, shared with the filter
            if (context.HasProject && named.All(p => context.Project.IsConfined(Path.GetFullPath(p))))
            {
                return context.Project;
            }

            return ProjectTree.Unwalked(context.RootPath, new ProjectOptions { UserNamedPaths = [.. named.Select(p => Path.GetFullPath(p))] });
        }

        var project = context.Project;
        var missingExcludes = context.Config.Exclude.Any(e => !project.Options.Exclude.Contains(e));
        var unnamed = named.Where(p => !project.IsConfined(Path.GetFullPath(p))).ToList();
        if (!missingExcludes && unnamed.Count == 0)
        {
            return project;
        }

        var projectOptions = project.Options with
        {
            Exclude = [.. project.Options.Exclude, .. context.Config.Exclude.Except(project.Options.Exclude)],
            UserNamedPaths = [.. project.Options.UserNamedPaths, .. unnamed.Select(p => Path.GetFullPath(p))],
        };
        return ProjectTree.Open(context.RootPath, projectOptions);
    }

    /// <summary>Matching for one inventory: knows which packages a lockfile or environment already pins.</summary>
    private sealed class ComponentMatcher
    {
        private readonly AdvisoryDatabase _database;
        private readonly TargetEnvironment _target;
        private readonly MarkerEnvironment? _targetEnvironment;
        private readonly HashSet<string> _resolvedPackages;
        private readonly IReadOnlyList<VulnerabilityIgnore> _ignores;
        private readonly DateTimeOffset _now;
        private readonly PythonRange? _projectPython;
        private readonly Dictionary<string, PythonRange> _declaredPython;
        private readonly DependencyRemedy _remedy;
        private readonly List<Component> _declarations;

        private readonly List<Core.Suppression.SuppressedFinding> _suppressed;
        private readonly string _configFile;

        public ComponentMatcher(AdvisoryDatabase database, AuditContext context, DependencyInventory inventory, DependencyRemedy remedy, List<Core.Suppression.SuppressedFinding> suppressed)
        {
            _suppressed = suppressed;
            _configFile = context.Config.SourcePath ?? "configuration";
            _database = database;
            _remedy = remedy;
            _declarations = [.. inventory.Components.Where(c => c.Source == ComponentSource.PyProject && c.Version is null)];
            _target = context.Config.Target;

            // Built once per run: every marker that names the Python version is evaluated against it.
            _targetEnvironment = _target.PythonVersion is null
                ? null
                : MarkerEnvironment.ForPython(_target.PythonVersion, _target.SysPlatform ?? "linux", _target.PlatformMachine ?? "x86_64");
            _ignores = context.Config.IgnoreVulnerabilities;
            _now = context.Now;

            // Without a target version, markers are judged over the versions the project says it supports; a manifest
            // or script that declares its own range is judged over that one.
            _projectPython = PythonRange.Of(context.SupportedPython);
            _declaredPython = new Dictionary<string, PythonRange>(StringComparer.Ordinal);
            foreach (var (path, declared) in inventory.DeclaredPython)
            {
                if (PythonRange.Of(declared) is { } range)
                {
                    _declaredPython[path] = range;
                }
            }

            // A range in a manifest is moot for a package that the same run also finds at one version: in a lockfile, an
            // environment, or pinned in a requirements file (pip-compile's and uv pip compile's outputs pin, and hash,
            // every package of their .in inputs). That version is what gets installed, and it is audited itself.
            _resolvedPackages = [.. inventory.Components
                .Where(c => c.Version is not null && c.Url is null && c.Source is ComponentSource.Lockfile or ComponentSource.Environment or ComponentSource.Requirements)
                .Select(c => c.NormalizedName)];
        }

        public void Audit(Component component, List<Finding> findings)
        {
            if (component.Group == RequirementsFileReader.ConstraintGroup || component.Editable)
            {
                return; // a constraint installs nothing by itself; an editable is the project's own code
            }

            var vulnerabilities = _database.ForPackage(component.NormalizedName);
            if (vulnerabilities.Count == 0 || !MayApply(component))
            {
                return;
            }

            if (component.Version is { } version)
            {
                AuditPinned(component, version, vulnerabilities, findings);
            }
            else if (component.Url is null && !_resolvedPackages.Contains(component.NormalizedName))
            {
                AuditRange(component, vulnerabilities, findings);
            }
        }

        /// <summary>
        /// False only when the marker is surely false for the target: the Python version asked for, else every version
        /// the declared range admits (a <c>python_version &lt; "3.8"</c> requirement is moot for <c>&gt;=3.12</c>).
        /// Unknown variables count as "may apply".
        /// </summary>
        private bool MayApply(Component component)
        {
            if (component.Marker.Length == 0 || !Marker.TryParse(component.Marker, out var marker))
            {
                return true;
            }

            string? Platform(string name) => name switch
            {
                "sys_platform" => _target.SysPlatform,
                "platform_machine" => _target.PlatformMachine,
                _ => null,
            };

            if (_targetEnvironment is null && PythonFor(component) is { } range)
            {
                return range.MayHold(marker, Platform) != false;
            }

            return marker.EvaluatePartial(name => name switch
            {
                "python_version" or "python_full_version" => _targetEnvironment?.Get(name),
                _ => Platform(name),
            }) != false;
        }

        /// <summary>The range declared by the component's own manifest or script, else the project's; null when none is.</summary>
        private PythonRange? PythonFor(Component component) =>
            component.Source is ComponentSource.PyProject or ComponentSource.Script && _declaredPython.TryGetValue(component.Location.Path, out var own)
                ? own
                : _projectPython;

        /// <summary>
        /// One finding per package and place, listing every advisory that affects the version. Advisories the
        /// configuration accepts (and that have not expired) are left out of it; when all are accepted the finding is
        /// made with all of them, so the filter hides it and counts it as suppressed.
        /// </summary>
        private void AuditPinned(Component component, string version, IReadOnlyList<Vulnerability> vulnerabilities, List<Finding> findings)
        {
            var query = VersionQuery.Parse(version);
            var hits = vulnerabilities.Where(v => v.Affects(query)).ToList();
            if (hits.Count == 0)
            {
                return;
            }

            var open = hits.Where(v => !IsIgnored(v)).ToList();
            var safe = SafeVersion.Lowest([.. vulnerabilities.Where(v => !IsIgnored(v))], query.Version);
            findings.Add(CreateFinding(component, version, open.Count > 0 ? open : hits, safe, query.Version));
            if (open.Count > 0 && open.Count < hits.Count)
            {
                // the accepted ones are counted as suppressed, as they were when each advisory was a finding of its own
                var accepted = CreateFinding(component, version, [.. hits.Except(open)], safe, query.Version);
                _suppressed.Add(new Core.Suppression.SuppressedFinding(
                    accepted,
                    new Core.Suppression.SuppressionReason(Core.Suppression.SuppressionKind.IgnoredVulnerability, "Kingsnake ignore-vulnerabilities", SourceSpan.WholeFile(_configFile))));
            }
        }

        /// <summary>
        /// A range is reported once per requirement, not once per advisory: a bare <c>django&gt;=3</c> can reach dozens
        /// of old advisories, and what the user needs is the one lower bound that clears them all. The finding is
        /// informational when the range also admits fixed releases (a resolver picks the newest), and carries the
        /// worst advisory severity when no allowed release is fixed (<c>django&lt;3</c>: every install is vulnerable).
        /// </summary>
        private void AuditRange(Component component, IReadOnlyList<Vulnerability> vulnerabilities, List<Finding> findings)
        {
            if (!SpecifierSet.TryParse(component.Specifier, out var specifier))
            {
                return; // the reader already reported an unparsable requirement
            }

            var reachable = new List<Vulnerability>();
            var unfixable = new List<Vulnerability>();
            foreach (var vulnerability in vulnerabilities)
            {
                if (IsIgnored(vulnerability) || !RangeReaches(specifier, vulnerability))
                {
                    continue;
                }

                reachable.Add(vulnerability);
                var fixes = vulnerability.FixedVersions();
                var fixAllowed = fixes.Any(f => specifier.Contains(f)) || (fixes.Count > 0 && specifier.Specifiers.All(IsLowerBoundOnly));
                if (!fixAllowed)
                {
                    unfixable.Add(vulnerability);
                }
            }

            if (reachable.Count == 0)
            {
                return;
            }

            var fix = SafeVersion.Lowest([.. vulnerabilities.Where(v => !IsIgnored(v))], LowerBound(specifier), inclusive: true);
            var worst = unfixable.Count == 0 ? (Severity?)null : unfixable.Max(v => v.Severity.ToFindingSeverity() ?? Severity.High);
            findings.Add(CreateRangeFinding(component, reachable, unfixable, fix, worst, unfixable.Count == 0 && fix is not null ? _remedy.For(component, fix) : Remedy.None));
        }

        /// <summary>True when some release the advisory names is both allowed by the range and affected.</summary>
        private static bool RangeReaches(SpecifierSet specifier, Vulnerability vulnerability)
        {
            foreach (var raw in vulnerability.MentionedVersions())
            {
                if (PythonVersion.TryParse(raw, out var version) && specifier.Contains(version) && vulnerability.Affects(VersionQuery.From(version)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsIgnored(Vulnerability vulnerability) =>
            _ignores.Any(i => i.IsActive(_now) && vulnerability.Ids.Contains(i.Id, StringComparer.OrdinalIgnoreCase));

        private static bool IsLowerBoundOnly(Specifier specifier) =>
            specifier.Kind is SpecifierOperator.GreaterThan or SpecifierOperator.GreaterThanOrEqual or SpecifierOperator.NotEqual;

        /// <summary>The highest version a range's lower bounds name (<c>&gt;=</c>, <c>&gt;</c>, <c>~=</c>, <c>==X.*</c>); null when it has none.</summary>
        private static PythonVersion? LowerBound(SpecifierSet specifier)
        {
            PythonVersion? lowest = null;
            foreach (var clause in specifier.Specifiers)
            {
                if (clause.Kind is SpecifierOperator.GreaterThan or SpecifierOperator.GreaterThanOrEqual or SpecifierOperator.Compatible or SpecifierOperator.Equal
                    && clause.ParsedVersion is { } bound && (lowest is null || bound > lowest))
                {
                    lowest = bound;
                }
            }

            return lowest;
        }

        private Finding CreateFinding(Component component, string version, List<Vulnerability> hits, PythonVersion? safe, PythonVersion? current)
        {
            var rule = DependencyRules.VulnerableDependency;
            hits = [.. hits.OrderByDescending(v => v.Severity.ToFindingSeverity() ?? rule.DefaultSeverity).ThenBy(v => v.PrimaryId, StringComparer.Ordinal)];
            var recordIds = hits.SelectMany(v => v.Advisories.Select(a => a.Id)).Distinct(StringComparer.Ordinal).ToList();
            var aliases = hits.SelectMany(v => v.Ids).Distinct(StringComparer.Ordinal).Where(id => !recordIds.Contains(id, StringComparer.Ordinal)).ToList();
            var details = hits.Select(v => Describe(v, current)).ToList();
            var severity = hits.Max(v => v.Severity.ToFindingSeverity() ?? rule.DefaultSeverity);
            var worstScore = hits.Select(v => v.Severity.Score).Where(s => s is not null).Max();
            var remedy = safe is null ? Remedy.None : _remedy.For(component, safe, _declarations);
            var data = new DependencyFindingData
            {
                Package = component.NormalizedName,
                Version = version,
                Advisories = recordIds,
                Aliases = aliases,
                Unpinned = false,
                Summary = hits.Count == 1 ? details[0].Summary
                    : details[0].Severity is { } top && details.Any(d => d.Severity != top) ? $"{hits.Count} advisories; the most severe: {details[0].Summary}"
                    : $"{hits.Count} advisories; the first: {details[0].Summary}",
                FixedIn = safe?.ToString(),
                CvssScore = worstScore,
                Vulnerabilities = details,
                Command = remedy.Command,
                // bounded when written: a package deep in a chain must not spell out the whole chain in every finding
                IntroducedBy = !component.Direct && component.IntroducedBy.Count > 0 ? component.IntroducedBy : null,
            };

            var ids = hits.Count == 1
                ? hits[0].Ids.Count > 1 ? $"{hits[0].PrimaryId} ({string.Join(", ", hits[0].Ids.Skip(1))})" : hits[0].PrimaryId
                : $"{hits.Count} advisories ({string.Join(", ", hits.Take(3).Select(v => v.PrimaryId))}{(hits.Count > 3 ? $" and {hits.Count - 3} more" : "")})";
            var via = !component.Direct && component.IntroducedBy.Count > 1 ? $" (via {component.IntroducedBy.Describe()})" : "";
            var advice = safe is null
                ? " No release is known that is clear of every advisory of the package."
                : $" Upgrade to {safe} or later (the lowest release no advisory affects).";
            return new Finding
            {
                Rule = rule,
                Severity = severity,
                Confidence = rule.DefaultConfidence,
                Message = $"{component.Name} {version} is affected by {ids}{via}.{advice}",
                Location = component.Location,
                Data = data,
                Fix = remedy.Fix,
                // the advisories are part of it: a new advisory for a baselined package and version is reported again
                FingerprintSource = $"{component.NormalizedName} {version} {component.Group} {string.Join(' ', hits.Select(v => v.PrimaryId).Order(StringComparer.Ordinal))}",
            };
        }

        /// <summary>One advisory's own facts, its fix being the lowest release above <paramref name="current"/> it does not affect.</summary>
        private static DependencyAdvisory Describe(Vulnerability vulnerability, PythonVersion? current)
        {
            var summary = AdvisorySummaries.For(vulnerability);
            return new DependencyAdvisory
            {
                Id = vulnerability.PrimaryId,
                Aliases = [.. vulnerability.Aliases],
                Summary = summary.Text,
                SummaryDescribesPackage = summary.DescribesPackage,
                Severity = vulnerability.Severity.ToFindingSeverity(),
                CvssScore = vulnerability.Severity.Score,
                FixedIn = SafeVersion.Lowest([vulnerability], current)?.ToString(),
            };
        }

        private static Finding CreateRangeFinding(Component component, List<Vulnerability> reachable, List<Vulnerability> unfixable, PythonVersion? fix, Severity? worst, Remedy remedy)
        {
            var rule = DependencyRules.VulnerableRange;
            var recordIds = reachable.SelectMany(v => v.Advisories.Select(a => a.Id)).Distinct(StringComparer.Ordinal).ToList();
            var aliases = reachable.SelectMany(v => v.Ids).Distinct(StringComparer.Ordinal).Where(id => !recordIds.Contains(id, StringComparer.Ordinal)).ToList();
            var data = new DependencyFindingData
            {
                Package = component.NormalizedName,
                Version = component.Specifier,
                Advisories = recordIds,
                Aliases = aliases,
                Unpinned = true,
                Summary = reachable.Count == 1 ? AdvisorySummaries.For(reachable[0]).Text : $"{reachable.Count} advisories reachable within the allowed range",
                FixedIn = fix?.ToString(),
                Vulnerabilities = [.. reachable.Select(v => Describe(v, null))],
                Command = remedy.Command,
            };

            var range = component.Specifier.Length > 0 ? component.Specifier : " (any version)";
            var listed = string.Join(", ", reachable.Take(3).Select(v => v.PrimaryId)) + (reachable.Count > 3 ? $" and {reachable.Count - 3} more" : "");
            var message = unfixable.Count > 0
                ? $"{component.Name}{range} admits no release that fixes {string.Join(", ", unfixable.Take(3).Select(v => v.PrimaryId))}{(unfixable.Count > 3 ? $" and {unfixable.Count - 3} more" : "")}; every install is vulnerable."
                : $"{component.Name}{range} is not pinned and allows releases affected by {listed}.";
            var advice = fix is null ? " No release fixes them all." : $" Require {component.NormalizedName}>={fix}.";
            return new Finding
            {
                Rule = rule,
                Severity = worst ?? rule.DefaultSeverity,
                Confidence = rule.DefaultConfidence,
                Message = message + advice,
                Location = component.Location,
                Data = data,
                Fix = remedy.Fix,
                FingerprintSource = $"{component.NormalizedName} {component.Specifier} {component.Group}",
            };
        }
    }
}

/// <summary>No advisory database could be opened: the dependency audit cannot be done as asked, so the run stops.</summary>
public sealed class DatabaseUnavailableException : RunFailedException
{
    /// <summary>The ways to get a database, said once wherever one is missing.</summary>
    public const string HowToGetOne =
        "Get one with 'kingsnake db update' (downloads osv.dev's PyPI export), or "
        + "'kingsnake db import PATH' with a directory of OSV records such as a checkout of the PyPA advisory "
        + "database, or name one for this run with --db PATH or KINGSNAKE_DB=PATH";

    public DatabaseUnavailableException(string message, Exception inner) : base(message, inner) { }

    public DatabaseUnavailableException() { }

    public DatabaseUnavailableException(string message) : base(message) { }
}
