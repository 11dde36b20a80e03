using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// cache-poisoning (zizmor.md §2): a cache-restoring action in a job that publishes. A job publishes when the
/// workflow runs on <c>release</c>, on <c>push</c> of tags or of release branches, or when the job has a known
/// publishing step. Caches are shared with pull-request and branch runs, so a poisoned cache entry ends up in the
/// release artifact. A cache switch given by an expression (<c>cache: ${{ !startsWith(github.ref, 'refs/tags/') && 'pip' || '' }}</c>)
/// is taken as the author's deliberate choice and not reported.
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
                if (step.Uses is not { Kind: UsesKind.Repository } uses || step.UsesNode is not { } at || CachingActions.Find(uses.ActionName) is not { } caching)
                {
                    continue;
                }

                var (caches, input) = Caches(step, uses, caching, ActionVersion.Major(uses, at, target.Source));
                if (caches)
                {
                    var how = input is null ? "restores a cache" : $"restores a cache ({input.Value.Key}: {input.Value.Value})";
                    sink.Report(Rule, at, $"'{step.DisplayName}' {how} in job '{job.Id}', which {why}; a cache written by a pull-request run can end up in the release", Severity.High, Confidence.Low, context: step.Node);
                }
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
