using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unpinned-images (zizmor.md §2): container images of jobs (<c>container:</c>, <c>services:</c>), of
/// <c>docker://</c> steps and of Docker actions. No tag or <c>:latest</c> is high (regular); a tag without an
/// <c>@sha256:</c> digest is pedantic, and medium: tags move, but far less often than <c>latest</c>. An image given
/// by an expression is pedantic with low confidence (zizmor: regular, low confidence), since it is usually a matrix
/// of pinned tags; an image built only from the job's literal matrix values is checked for each value.
/// </summary>
public sealed class UnpinnedImagesAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnpinnedImages;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs.OfType<NormalJob>())
            {
                foreach (var container in job.Container is { } c ? [c, .. job.Services] : job.Services)
                {
                    if (container.Image is { IsNull: false } image)
                    {
                        var what = container.ServiceName is null ? $"job '{job.Id}' container" : $"service '{container.ServiceName}'";
                        Check(image, image.Value, what, container.Node, sink, job);
                    }
                }

                foreach (var step in job.Steps)
                {
                    CheckDockerStep(step, sink, job);
                }
            }
        }
        else if (target.Action is { } action)
        {
            foreach (var step in action.Steps)
            {
                CheckDockerStep(step, sink);
            }

            if (action.Kind == ActionKind.Docker && action.Image is { } image && image.Value.StartsWith("docker://", StringComparison.Ordinal))
            {
                Check(image, image.Value["docker://".Length..], "the action's image", image, sink);
            }
        }
    }

    private void CheckDockerStep(Step step, FindingSink sink, NormalJob? job = null)
    {
        if (step.Uses is { Kind: UsesKind.Docker } && step.UsesNode is { } node)
        {
            Check(node, node.Value.Trim()["docker://".Length..], $"step '{step.DisplayName}'", step.Node, sink, job);
        }
    }

    private void Check(YamlScalar at, string image, string what, YamlNode context, FindingSink sink, NormalJob? job = null)
    {
        image = image.Trim();
        if (image.Contains("${{", StringComparison.Ordinal))
        {
            // an image from the job's matrix is judged value by value (zizmor reports any expression, with low
            // confidence); other expressions cannot be resolved here and stay a pedantic reminder
            if (job is not null && MatrixExpansion.Expand(job, image) is { } values)
            {
                // one finding per image line, naming the values at fault (an empty value means "no service" and is skipped)
                var judged = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Select(v => (Value: v, Parts: Split(v))).ToList();
                var floating = judged.Where(j => j.Parts.Digest is null && (j.Parts.Tag is null || j.Parts.Tag.Equals("latest", StringComparison.OrdinalIgnoreCase))).Select(j => j.Value).ToList();
                if (floating.Count > 0)
                {
                    sink.Report(Rule, at, $"{what} takes its image from the matrix, and {string.Join(", ", floating.Select(v => $"'{v}'"))} {(floating.Count == 1 ? "has" : "have")} no tag or the :latest tag; whatever is pushed next runs in this job", Severity.High, Confidence.High, context: context);
                }
                else if (judged.Any(j => j.Parts.Digest is null))
                {
                    sink.Report(Rule, at, $"{what} takes its image from the matrix, whose tags are not pinned to a digest (@sha256:…)", Severity.Medium, Confidence.High, Persona.Pedantic, context);
                }

                return;
            }

            sink.Report(Rule, at, $"{what} takes its image from an expression; check that every value it can take is pinned", Severity.Medium, Confidence.Low, Persona.Pedantic, context);
            return;
        }

        var (name, tag, digest) = Split(image);
        if (digest is not null)
        {
            return;
        }

        if (tag is null || tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            var which = tag is null ? "has no tag (so it is :latest)" : "uses the :latest tag";
            sink.Report(Rule, at, $"{what} image '{name}' {which}; whatever is pushed next runs in this job", Severity.High, Confidence.High, context: context);
        }
        else
        {
            sink.Report(Rule, at, $"{what} image '{name}:{tag}' is not pinned to a digest (@sha256:…)", Severity.Medium, Confidence.High, Persona.Pedantic, context);
        }
    }

    /// <summary>Image name, tag and digest of a reference such as <c>ghcr.io/org/img:1.2@sha256:…</c>.</summary>
    internal static (string Name, string? Tag, string? Digest) Split(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..], digest) : (image, null, digest);
    }
}
