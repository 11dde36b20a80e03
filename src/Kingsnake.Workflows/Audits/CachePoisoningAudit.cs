using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// cache-poisoning (zizmor.md §2): a cache-restoring action in a job that publishes. A job publishes when the
/// workflow runs on <c>release</c>, on <c>push</c> of tags or of release branches, or when the job has a known
/// publishing step (an action, or an upload command in <c>run:</c>). A tag or release run restores entries saved on
/// the default branch; an entry saved by a <c>pull_request</c> run is scoped to that pull request's merge ref and is
/// never restored there. So what can poison a release is a default-branch run that executes someone else's code and
/// saves a cache: when a workflow of the same repository does that (a <c>pull_request_target</c>, <c>workflow_run</c> or
/// comment-triggered job that checks out the fork's head and caches), the finding names it and has medium confidence;
/// otherwise it keeps zizmor's low confidence. A cache switch given by an expression
/// (<c>cache: ${{ !startsWith(github.ref, 'refs/tags/') &amp;&amp; 'pip' || '' }}</c>) is taken as the author's deliberate choice.
/// </summary>
public sealed class CachePoisoningAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.CachePoisoning;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        var writers = target.Repository.CacheWriters;
        var releaseTrigger = ReleaseTrigger(workflow);
        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            var why = releaseTrigger ?? PublishingStep(job);
            if (why is null)
            {
                continue;
            }

            foreach (var step in job.Steps)
            {
                if (!Restores(target, step, out var how))
                {
                    continue;
                }

                var message = $"'{step.DisplayName}' {how} in job '{job.Id}', which {why}. ";
                var confidence = Confidence.Low;
                if (writers.Count > 0)
                {
                    var writer = writers[0];
                    message += $"'{writer.Path}' runs a fork's code on the default branch ({writer.Trigger}, job '{writer.JobId}') and saves a cache there, which this job can restore";
                    confidence = Confidence.Medium;
                }
                else
                {
                    message += "It restores what default-branch runs saved, so any of them that runs untrusted code can poison the release (pull-request runs cannot: their caches stay with the pull request)";
                }

                sink.Report(Rule, step.UsesNode!, message, Severity.High, confidence, context: step.Node);
            }
        }
    }

    /// <summary>True when the step is a caching action with caching on; <paramref name="how"/> says so in words.</summary>
    internal static bool Restores(AuditTarget target, Step step, out string how)
    {
        how = "";
        if (step.Uses is not { Kind: UsesKind.Repository } uses || step.UsesNode is not { } at || CachingActions.Find(uses.ActionName) is not { } caching)
        {
            return false;
        }

        var (caches, input) = Caches(step, uses, caching, ActionVersion.Major(uses, at, target.Source));
        how = input is null ? "restores a cache" : $"restores a cache ({input.Value.Key}: {input.Value.Value})";
        return caches;
    }

    /// <summary>
    /// The jobs of <paramref name="workflow"/> that run a fork's code on the default branch and save a cache there: a
    /// trigger that runs with the default branch as its ref (<c>pull_request_target</c>, <c>workflow_run</c>, comments and
    /// issues), a step that fetches the pull request's head, and a caching step anywhere in the job (caches are saved when
    /// the job ends, after the fork's code ran).
    /// </summary>
    internal static IEnumerable<CacheWriter> CacheWriters(AuditTarget target)
    {
        if (target.Workflow is not { } workflow)
        {
            yield break;
        }

        var trigger = workflow.Triggers.FirstOrDefault(t => Triggers.IsPrivileged(t.Name));
        if (trigger is null)
        {
            yield break;
        }

        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            if (job.Steps.Any(s => DangerousTriggersAudit.UntrustedCheckout(s) is not null) && job.Steps.Any(s => Restores(target, s, out _) || (s.Uses is { } u && u.Is("actions/cache/save"))))
            {
                yield return new CacheWriter(workflow.Path, job.Id, trigger.Name);
            }
        }
    }

    /// <summary>Why every job of the workflow publishes, from its triggers; null when the triggers do not say.</summary>
    private static string? ReleaseTrigger(WorkflowFile workflow)
    {
        foreach (var trigger in workflow.Triggers)
        {
            if (trigger.Name == "release")
            {
                return "runs on release";
            }

            if (trigger.Name == "push")
            {
                if (trigger.Tags.Count > 0)
                {
                    return "runs on pushed tags";
                }

                if (trigger.Branches.Any(b => b.Contains("release", StringComparison.OrdinalIgnoreCase)))
                {
                    return "runs on pushes to release branches";
                }
            }
        }

        return null;
    }

    private static string? PublishingStep(NormalJob job)
    {
        foreach (var step in job.Steps)
        {
            if (step.Run is { } run)
            {
                // an upload command makes the job a release job as much as a publishing action does (zizmor looks at actions only)
                foreach (var command in ShellScript.Parse(run.Value, ShellDialect.Posix))
                {
                    if (PublishCommands.Match(command) is { } upload && !upload.HasFlag("--dry-run"))
                    {
                        return $"publishes with {upload.Name}";
                    }
                }
            }

            if (step.Uses is not { Kind: UsesKind.Repository } uses || !CachingActions.Publishers.TryGetValue(uses.ActionName, out var input))
            {
                continue;
            }

            if (uses.Is("pyo3/maturin-action") && step.Input("command")?.Value is not ("upload" or "publish"))
            {
                continue;
            }

            if (input is null || step.Input(input)?.AsBoolean() == true)
            {
                return $"publishes with {uses.Slug}";
            }
        }

        return null;
    }

    /// <summary>Whether the step restores a cache, and the input that says so (null when it always does).</summary>
    private static (bool Caches, KeyValuePair<string, string>? Input) Caches(Step step, UsesReference uses, CachingAction caching, int major)
    {
        if (caching.Input is null)
        {
            return (true, null);
        }

        if (step.Node.Get("with") is YamlScalar { IsNull: false })
        {
            return (false, null); // inputs from an expression: unknown
        }

        var value = step.Input(caching.Input);
        if ((value is null || value.IsNull) && uses.Is("actions/setup-node"))
        {
            var managerCache = step.Input("package-manager-cache");
            return managerCache is null
                ? (CachingActions.SetupNodeCachesByDefault(major), null)
                : (managerCache.AsBoolean() == true, new KeyValuePair<string, string>("package-manager-cache", managerCache.Value));
        }

        if (value is null || value.IsNull)
        {
            var byDefault = caching.Switch == CacheSwitch.OptOut && (caching.SinceMajor == 0 || major == 0 || major >= caching.SinceMajor)
                && caching.Input != "no-cache";
            if (uses.Is("astral-sh/setup-uv"))
            {
                byDefault = SetupUvCachesByDefault(major);
            }

            if (caching.Input == "no-cache")
            {
                byDefault = true;
            }

            return (byDefault, null);
        }

        var text = value.Value.Trim();
        if (text.Contains("${{", StringComparison.Ordinal))
        {
            return (false, null); // conditional caching: the author decided per event
        }

        if (uses.Is("astral-sh/setup-uv") && text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return (SetupUvCachesByDefault(major), new KeyValuePair<string, string>(caching.Input, text));
        }

        var on = caching.Input == "no-cache"
            ? value.AsBoolean() != true
            : text.Length > 0 && value.AsBoolean() != false && !text.Equals("false", StringComparison.OrdinalIgnoreCase);
        return (on, new KeyValuePair<string, string>(caching.Input, text));
    }

    private static bool SetupUvCachesByDefault(int major) => major == 0 ? false : CachingActions.SetupUvCachesByDefault(major);
}

/// <summary>A job that runs a fork's code on the default branch and saves a cache there, named in cache-poisoning findings.</summary>
public sealed record CacheWriter(string Path, string JobId, string Trigger);
