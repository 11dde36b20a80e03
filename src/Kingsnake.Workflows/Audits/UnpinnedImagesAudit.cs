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
/// of pinned tags.
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
                        Check(image, image.Value, what, container.Node, sink);
                    }
                }

                foreach (var step in job.Steps)
                {
                    CheckDockerStep(step, sink);
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

    private void CheckDockerStep(Step step, FindingSink sink)
    {
        if (step.Uses is { Kind: UsesKind.Docker } && step.UsesNode is { } node)
        {
            Check(node, node.Value.Trim()["docker://".Length..], $"step '{step.DisplayName}'", step.Node, sink);
        }
    }

    private void Check(YamlScalar at, string image, string what, YamlNode context, FindingSink sink)
    {
        image = image.Trim();
        if (image.Contains("${{", StringComparison.Ordinal))
        {
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
