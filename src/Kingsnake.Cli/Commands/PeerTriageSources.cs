using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Suppression.Ruff;
using Kingsnake.Workflows.Configuration;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The triage a project already did with peer tools, read from its files: ruff (<c># noqa</c>, file exemptions,
/// <c>ignore</c> and <c>per-file-ignores</c> of <c>.ruff.toml</c>, <c>ruff.toml</c> or <c>[tool.ruff]</c>) and zizmor
/// (<c>zizmor.yml</c>). A faulty peer configuration is an input error naming its file and line, and that peer's
/// configuration is then left out. Bandit's <c># nosec</c> and configuration are applied by the code audit itself.
/// </summary>
internal static class PeerTriageSources
{
    public static List<IPeerTriage> Read(ISourceLines sources, List<InputError> errors) =>
    [
        new RuffTriage(RuffConfigReader.Read(sources, errors), sources),
        .. ZizmorConfigReader.Read(sources, errors) is { } zizmor ? [zizmor] : (IPeerTriage[])[],
    ];
}
