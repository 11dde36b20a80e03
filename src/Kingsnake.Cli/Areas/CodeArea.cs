using System.CommandLine;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules;
using Kingsnake.Core.Rules;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Areas;

/// <summary>The code area: the project's Python files.</summary>
internal sealed class CodeArea : AreaBinding
{
    private readonly Option<string?> _compat = new("--compat") { Description = "Code audit grading: kingsnake (default, fewer false alarms) or bandit (Bandit's answers for the Bandit-aliased rules)." };

    private readonly Option<string?> _banditConfig = new("--bandit-config") { Description = "Read Bandit settings (skips, tests, exclude_dirs, plugin options) from this YAML, TOML or INI file." };

    public override AuditArea Area => RuleCatalog.AuditArea;

    public override IReadOnlyList<Option> Options => [_compat, _banditConfig];

    public override IEnumerable<string> NamedPaths(ParseResult parse) => parse.GetValue(_banditConfig) is { } path ? [path] : [];

    public override IAuditor Create(AreaSetup setup) => new CodeAuditor(new CodeAuditOptions
    {
        IgnoreNosec = !setup.PeerTriage,
        Compatibility = setup.Parse.GetValue(_compat)?.ToLowerInvariant() switch
        {
            null or "kingsnake" => CodeCompatibility.Kingsnake,
            "bandit" => CodeCompatibility.Bandit,
            var other => throw new UsageException($"--compat must be kingsnake or bandit (got '{other}')"),
        },
        SkipEnvironmentDirectories = setup.SkipDefaultExcludedDirectories,
        BanditConfigPath = setup.Parse.GetValue(_banditConfig) is { } path ? setup.Named(path, "--bandit-config") : null,
    });
}
