using System.Collections.Concurrent;
using System.Diagnostics;
using Kingsnake.Code.Configuration;
using Kingsnake.Code.Rules;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Code.Engine;

/// <summary>
/// The code audit (<c>kingsnake audit --only code</c>): Bandit's checks over every Python file under the root,
/// each file read and parsed once, all rules sharing one walk of its tree, files checked in parallel.
/// </summary>
public sealed class CodeAuditor(CodeAuditOptions? options = null) : IAuditor
{
    public const string AreaName = "code";

    private readonly CodeAuditOptions _options = options ?? new CodeAuditOptions();

    public string Area => AreaName;

    public IReadOnlyList<Rule> Rules => RuleCatalog.Descriptors;

    public AuditResult Audit(AuditContext context, CancellationToken cancellationToken)
    {
        var result = new AuditResult();
        var run = Scan(context.Project, cancellationToken, context.SupportedPython, context.Progress);
        result.Findings.AddRange(run.Files.SelectMany(f => f.Findings));
        result.Suppressed.AddRange(run.Files.SelectMany(f => f.Suppressed));
        result.Errors.AddRange(run.Errors);
        result.ScannedFiles.AddRange(run.Files.Select(f => new ScannedFile(f.Path, f.CodeLines)));
        result.Timings.Add(new Timing("code: scan", run.Elapsed, $"{run.Files.Count} files, {run.ParsedCount} parsed, {result.Findings.Count} findings, {run.NosecSuppressed} silenced by nosec"));
        return result;
    }

    /// <summary>Walks <paramref name="root"/> (with <paramref name="configExclude"/> left out) and scans it.</summary>
    public CodeScan Scan(string root, IReadOnlyList<string>? configExclude = null, CancellationToken cancellationToken = default, SupportedPython? supportedPython = null) =>
        Scan(ProjectTree.Open(root, new ProjectOptions { Exclude = configExclude ?? [], SkipDefaultExcludedDirectories = _options.SkipEnvironmentDirectories }), cancellationToken, supportedPython);

    /// <summary>Scans the project's Python files, keeping per-file results.</summary>
    /// <param name="supportedPython">The project's declared Python range: package code using newer syntax is a PY810 finding.</param>
    /// <param name="progress">Counts the files as they are done (for a progress display).</param>
    public CodeScan Scan(ProjectTree project, CancellationToken cancellationToken = default, SupportedPython? supportedPython = null, AuditProgress? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var errors = new List<InputError>();
        var settings = LoadSettings(project, errors);
        var files = project.Files
            .Where(f => f.Kind == ProjectFileKind.PythonSource && (!f.InDefaultExcludedDirectory || !_options.SkipEnvironmentDirectories)
                && !BanditExcludeDirs.Matches(f.RelativePath, settings.ExcludeDirs))
            .Select(f => f.RelativePath)
            .ToList();

        var honourBanditConfig = !_options.IgnoreNosec || _options.BanditConfigPath is not null || _options.Compatibility == CodeCompatibility.Bandit;
        var testDirectories = _options.Compatibility == CodeCompatibility.Bandit ? [] : PytestTestPaths.Read(project);

        // Bandit reads each file on its own; Kingsnake follows names through the project's modules.
        var modules = _options.Compatibility == CodeCompatibility.Bandit ? null : new ModuleIndex(project, files, _options.MaxFileBytes);
        var analyzer = CreateAnalyzer(settings, _options.Compatibility, _options.IgnoreNosec, honourBanditConfig, testDirectories, modules);
        var packageDirectories = supportedPython is { IsDeclared: true } ? PackageCode.Directories(files) : null;
        var results = new FileAnalysis[files.Count];
        progress?.PlanFiles(files.Count);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = _options.Parallelism > 0 ? _options.Parallelism : Environment.ProcessorCount,
        };
        if (files.Count > 0)
        {
            Parallel.ForEach(Partitioner.Create(0, files.Count, 16), parallel, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var declared = packageDirectories is not null && PackageCode.Contains(packageDirectories, files[i]) ? supportedPython : null;
                    results[i] = AnalyzeFile(project, analyzer, files[i], declared);
                    progress?.FileDone();
                }
            });
        }

        errors.AddRange(results.Where(r => r.Error is not null).Select(r => r.Error!));
        return new CodeScan(results, errors, stopwatch.Elapsed);
    }

    /// <summary>Checks one in-memory source (tests, editors, stdin).</summary>
    public static FileAnalysis AnalyzeSource(string path, byte[] bytes, BanditSettings? settings = null, CodeCompatibility compatibility = CodeCompatibility.Kingsnake) =>
        CreateAnalyzer(settings ?? BanditSettings.Empty, compatibility, ignoreNosec: false).Analyze(path, bytes);

    /// <summary>
    /// The analyzer for a run. Bandit's <c>tests</c>/<c>skips</c> are the project's triage: when honoured, the rules they
    /// leave out still run and what they find is counted as suppressed by the entry; when not (<c>--no-peer-triage</c>
    /// with the project's own Bandit configuration), it is reported.
    /// </summary>
    private static FileAnalyzer CreateAnalyzer(BanditSettings settings, CodeCompatibility compatibility, bool ignoreNosec, bool honourBanditConfig = true, IReadOnlyList<string>? testDirectories = null, ModuleIndex? modules = null)
    {
        var rules = RuleCatalog.All.Where(r => compatibility != CodeCompatibility.Bandit || r.IsBanditTest).ToList();
        var skipped = new Dictionary<CodeRule, SuppressionReason>();
        foreach (var rule in rules)
        {
            if (honourBanditConfig && settings.WhyNotRun(rule.BanditId, RuleCatalog.IsBlacklist(rule.BanditId)) is { } reason)
            {
                skipped[rule] = reason;
            }
        }

        return new FileAnalyzer(rules, settings, compatibility, ignoreNosec, skipped, testDirectories) { Modules = modules };
    }

    private BanditSettings LoadSettings(ProjectTree project, List<InputError> errors)
    {
        try
        {
            return BanditConfigReader.Load(project, _options.BanditConfigPath);
        }
        catch (BanditConfigException ex)
        {
            // The run goes on with Bandit's defaults (every check), so a broken file is never a silent "no findings".
            var path = Path.IsPathRooted(ex.SourcePath) ? project.Relative(ex.SourcePath) : ex.SourcePath;
            errors.Add(ex.ToError(path.StartsWith("../", StringComparison.Ordinal) ? ex.SourcePath : path));
        }
        catch (InputFormatException ex)
        {
            errors.Add(ex.ToError(_options.BanditConfigPath ?? ".bandit"));
        }
        catch (IOException ex)
        {
            errors.Add(new InputError(SourceSpan.WholeFile(_options.BanditConfigPath ?? ".bandit"), ex.Message));
        }

        return BanditSettings.Empty;
    }

    private FileAnalysis AnalyzeFile(ProjectTree project, FileAnalyzer analyzer, string relative, SupportedPython? declared)
    {
        if (!project.TryRead(relative, out var content, out var error))
        {
            return new FileAnalysis(relative, [], error, false);
        }

        if (content.Bytes.Length > _options.MaxFileBytes)
        {
            return new FileAnalysis(relative, [], new InputError(SourceSpan.WholeFile(relative), $"file is {content.Bytes.Length} bytes, over the {_options.MaxFileBytes}-byte limit; not scanned"), false);
        }

        return analyzer.Analyze(relative, content.Bytes, declared);
    }
}
/// <summary>The outcome of one scan: per-file results in path order, the errors, and the time taken.</summary>
public sealed record CodeScan(IReadOnlyList<FileAnalysis> Files, IReadOnlyList<InputError> Errors, TimeSpan Elapsed)
{
    public int ParsedCount => Files.Count(f => f.Parsed);

    public int NosecSuppressed => Files.Sum(f => f.NosecSuppressed);

    public IEnumerable<Finding> Findings => Files.SelectMany(f => f.Findings);
}
