using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Auditing;

/// <summary>
/// Audits GitHub Actions workflows and action definitions: discovers them under the root, parses each file once
/// into the shared model and runs every audit on it, in parallel across files. A file that cannot be read or
/// parsed becomes an <see cref="InputError"/>; the other files' results are kept.
/// </summary>
public sealed class WorkflowAuditor(WorkflowAuditOptions options) : IAuditor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public WorkflowAuditor()
        : this(WorkflowAuditOptions.Default)
    {
    }

    public string Area => WorkflowRules.Area;

    public IReadOnlyList<Rule> Rules => WorkflowRules.All;

    /// <summary>The audits, one per rule, sharing each file's model.</summary>
    public IReadOnlyList<WorkflowAudit> Audits { get; } = CreateAudits(options);

    public AuditResult Audit(AuditContext context, CancellationToken cancellationToken)
    {
        var result = new AuditResult();
        var stopwatch = Stopwatch.StartNew();
        var project = context.Project;
        var inputs = options.Files.Count > 0 ? ExplicitInputs(project) : WorkflowDiscovery.Select(project);
        result.Timings.Add(new Timing("workflows: discover", stopwatch.Elapsed, $"{inputs.Count} files"));
        var audits = AuditsForRun(project, result);

        stopwatch.Restart();

        // two passes: every file is parsed first, so that audits looking across files (cache-poisoning names the
        // workflow that writes the cache) see all of them; each file is still read and parsed once
        var parsed = new (AuditTarget? Target, FileResult? Failed)[inputs.Count];
        context.Progress.PlanFiles(inputs.Count);
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : -1 };
        Parallel.For(0, inputs.Count, parallel, i => parsed[i] = ParseFile(project, inputs[i]));
        var facts = RepositoryFacts.From(parsed.Where(p => p.Target is not null).Select(p => p.Target!));
        var perFile = new FileResult[inputs.Count];
        Parallel.For(0, inputs.Count, parallel, i =>
        {
            if (parsed[i].Target is { } target)
            {
                target.Repository = facts;
                perFile[i] = RunAudits(target, audits);
            }
            else
            {
                perFile[i] = parsed[i].Failed!;
            }

            context.Progress.FileDone();
        });
        foreach (var file in perFile)
        {
            result.Findings.AddRange(file.Findings);
            result.Suppressed.AddRange(file.Suppressed);
            if (file.Error is { } error)
            {
                result.Errors.Add(error);
            }
        }

        result.Timings.Add(new Timing("workflows: parse and audit", stopwatch.Elapsed, $"{result.Findings.Count} findings in {inputs.Count} files"));
        return result;
    }

    /// <summary>The findings for one file's text, or the error that stopped it (also used by tests and <c>kingsnake fix</c>).</summary>
    public FileResult AuditText(string relativePath, string text, WorkflowFileKind kind) => AuditText(relativePath, text, kind, Audits);

    /// <summary>
    /// The findings for several files audited as one run (the cross-file facts come from all of them), in the order
    /// given; used by tests and by <c>kingsnake fix</c>'s in-memory pass.
    /// </summary>
    public IReadOnlyList<FileResult> AuditTexts(IReadOnlyList<(string RelativePath, string Text, WorkflowFileKind Kind)> files)
    {
        var parsed = files.Select(f => Parse(f.RelativePath, f.Text, f.Kind)).ToList();
        var facts = RepositoryFacts.From(parsed.Where(p => p.Target is not null).Select(p => p.Target!));
        return [.. parsed.Select(p =>
        {
            if (p.Target is not { } target)
            {
                return p.Failed!;
            }

            target.Repository = facts;
            return RunAudits(target, Audits);
        })];
    }

    private FileResult AuditText(string relativePath, string text, WorkflowFileKind kind, IReadOnlyList<WorkflowAudit> audits)
    {
        var (target, failed) = Parse(relativePath, text, kind);
        if (target is null)
        {
            return failed!;
        }

        target.Repository = RepositoryFacts.From([target]);
        return RunAudits(target, audits);
    }

    private (AuditTarget? Target, FileResult? Failed) Parse(string relativePath, string text, WorkflowFileKind kind)
    {
        try
        {
            return (kind switch
            {
                WorkflowFileKind.Action => new AuditTarget(ActionFile.Parse(relativePath, text, options.Limits)),
                WorkflowFileKind.Dependabot => new AuditTarget(DependabotFile.Parse(relativePath, text, options.Limits)),
                WorkflowFileKind.PreCommit => new AuditTarget(PreCommitFile.Parse(relativePath, text, options.Limits)),
                _ => new AuditTarget(WorkflowFile.Parse(relativePath, text, options.Limits)),
            }, null);
        }
        catch (InputFormatException ex)
        {
            return (null, new FileResult([], ex.ToError(relativePath)));
        }
    }

    private FileResult RunAudits(AuditTarget target, IReadOnlyList<WorkflowAudit> audits)
    {
        var sink = new FindingSink(target, options.Persona, options.HonourZizmorComments);
        InputError? failure = null;
        foreach (var audit in audits)
        {
            try
            {
                audit.Audit(target, sink);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // a bug in one audit must not hide the other audits' findings
                failure ??= new InputError(SourceSpan.WholeFile(target.Path), $"internal error in {audit.Rule.Name}: {ex.Message}");
            }
        }

        return new FileResult(sink.Findings, failure) { Suppressed = sink.Suppressed };
    }

    /// <summary>
    /// The audits for a run over <paramref name="root"/>: the constructor's, unless the run has to load the action data
    /// file or the project's pins lock file. Load failures become input errors naming the file; the rest of the run goes on.
    /// </summary>
    private IReadOnlyList<WorkflowAudit> AuditsForRun(ProjectTree project, AuditResult result)
    {
        var runOptions = options;
        if (options.ActionData is null && options.ActionDataPath is { Length: > 0 } dataPath)
        {
            var full = Path.GetFullPath(dataPath, project.RootPath);
            try
            {
                var snapshot = ActionDataSnapshot.Load(full);
                runOptions = runOptions with { ActionData = snapshot };
                result.Database = new ActionDataInfo(full, snapshot.RepositoryCount, snapshot.AdvisoryCount);
            }
            catch (InputFormatException ex)
            {
                result.Errors.Add(ex.ToError(full));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                result.Errors.Add(new InputError(SourceSpan.WholeFile(full), $"cannot read action data: {ex.Message}"));
            }
        }

        if (options.ActionPins is null)
        {
            var pins = ActionPins.Load(project, null, result.Errors);
            if (!ReferenceEquals(pins, ActionPins.BuiltIn))
            {
                runOptions = runOptions with { ActionPins = pins };
            }
        }

        return ReferenceEquals(runOptions, options) ? Audits : CreateAudits(runOptions);
    }

    private (AuditTarget? Target, FileResult? Failed) ParseFile(ProjectTree project, WorkflowFileInput input)
    {
        string text;
        try
        {
            var content = project.Read(input.FullPath);
            if (content.Bytes.Length > options.Limits.MaxCharacters * 4L)
            {
                return (null, new FileResult([], new InputError(SourceSpan.WholeFile(input.RelativePath), $"file is {content.Bytes.Length} bytes, over the limit")));
            }

            text = content.Text;
        }
        catch (InputFormatException ex)
        {
            return (null, new FileResult([], ex.ToError(input.RelativePath)));
        }

        return Parse(input.RelativePath, text, input.Kind);
    }

    private List<WorkflowFileInput> ExplicitInputs(ProjectTree project)
    {
        var inputs = new List<WorkflowFileInput>();
        foreach (var file in options.Files)
        {
            var full = Path.GetFullPath(file, project.RootPath);
            var relative = project.Relative(full);
            if (relative.StartsWith("../", StringComparison.Ordinal))
            {
                relative = full.Replace('\\', '/');
            }

            inputs.Add(new WorkflowFileInput(full, relative, WorkflowDiscovery.Classify(relative) ?? Path.GetFileName(full) switch
            {
                "action.yml" or "action.yaml" => WorkflowFileKind.Action,
                "dependabot.yml" or "dependabot.yaml" => WorkflowFileKind.Dependabot,
                _ => WorkflowFileKind.Workflow,
            }));
        }

        return inputs;
    }

    private static List<WorkflowAudit> CreateAudits(WorkflowAuditOptions options)
    {
        var commits = new ActionCommitIndex(options.ActionPins ?? ActionPins.BuiltIn, options.ActionData);
        List<WorkflowAudit> audits = [.. OfflineAudits(options), new RefVersionMismatchAudit(commits)];
        if (options.ActionData is { } data)
        {
            audits.AddRange([new ImpostorCommitAudit(data, commits), new KnownVulnerableActionsAudit(data, commits), new RefConfusionAudit(data), new StaleActionRefsAudit(data, commits)]);
        }

        return audits;
    }

    private static List<WorkflowAudit> OfflineAudits(WorkflowAuditOptions options) =>
    [
        new TemplateInjectionAudit(),
        new DangerousTriggersAudit(),
        new ExcessivePermissionsAudit(),
        new ArtipackedAudit(),
        new UnpinnedUsesAudit(options.UnpinnedPolicy, options.ActionPins ?? ActionPins.BuiltIn),
        new UseTrustedPublishingAudit(),
        new InsecureCommandsAudit(),
        new HardcodedContainerCredentialsAudit(),
        new SecretsInheritAudit(),
        new OverprovisionedSecretsAudit(),
        new BotConditionsAudit(),
        new UnsoundConditionAudit(),
        new CachePoisoningAudit(),
        new GitHubEnvAudit(),
        new UnpinnedImagesAudit(),
        new SelfHostedRunnerAudit(),
        new AnonymousDefinitionAudit(),
        new ConcurrencyLimitsAudit(),
        new UnsoundContainsAudit(),
        new UnsoundTernaryAudit(),
        new UnredactedSecretsAudit(),
        new ObfuscationAudit(),
        new UndocumentedPermissionsAudit(),
        new ForbiddenUsesAudit(options.ForbiddenUses),
        new SuperfluousActionsAudit(),
        new AdhocPackagesAudit(),
        new UnpinnedToolsAudit(),
        new MisfeatureAudit(),
        new GitHubAppAudit(),
        new SelfRepositoryAudit(),
        new ArchivedUsesAudit(options.ActionData),
        new TyposquatUsesAudit(),
        new DependabotCooldownAudit(options.DependabotCooldownDays),
        new DependabotExecutionAudit(),
        new InsecureUrlSchemeAudit(),
        new SecretsOutsideEnvAudit(),
    ];

    /// <summary>What auditing one file produced.</summary>
    public sealed record FileResult(IReadOnlyList<Finding> Findings, InputError? Error)
    {
        /// <summary>The findings an ignore comment in the file hid, with the comment.</summary>
        public IReadOnlyList<SuppressedFinding> Suppressed { get; init; } = [];
    }
}
