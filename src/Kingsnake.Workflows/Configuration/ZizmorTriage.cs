using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Workflows.Configuration;

/// <summary>
/// The triage in a project's <c>zizmor.yml</c>, applied to the workflow rules through their zizmor aliases
/// (<c>template-injection</c> → GHA001): an audit turned off with <c>disable: true</c> settles all its findings, an
/// <c>ignore</c> entry those it covers (see <see cref="ZizmorIgnore.Covers"/>).
/// </summary>
public sealed class ZizmorTriage(string path, IReadOnlyDictionary<string, SourceSpan> disabled, IReadOnlyDictionary<string, List<ZizmorIgnore>> ignores) : IPeerTriage
{
    /// <summary>The configuration file, relative to the project root.</summary>
    public string Path { get; } = path;

    public SuppressionReason? Decide(Finding finding)
    {
        foreach (var audit in finding.Rule.Aliases)
        {
            if (disabled.TryGetValue(audit, out var at))
            {
                return new SuppressionReason(SuppressionKind.ZizmorConfig, $"zizmor rules.{audit}.disable", at);
            }

            if (ignores.TryGetValue(audit, out var entries) && entries.FirstOrDefault(e => e.Covers(finding)) is { } entry)
            {
                return new SuppressionReason(SuppressionKind.ZizmorConfig, $"zizmor rules.{audit}.ignore \"{entry.Text}\"", entry.At);
            }
        }

        return null;
    }
}
