namespace Kingsnake.Code.Engine;

/// <summary>What the code audit scans and how, as the command line asked.</summary>
public sealed record CodeAuditOptions
{
    /// <summary>
    /// Skip virtualenv, tox, node_modules, site-packages and build directories (default). Off, only VCS and
    /// <c>__pycache__</c> directories are skipped, as Bandit does (to scan an installed tree like Bandit).
    /// </summary>
    public bool SkipEnvironmentDirectories { get; init; } = true;

    /// <summary>A Bandit config to use (<c>-c</c>/<c>--ini</c>): YAML, TOML (<c>[tool.bandit]</c>) or INI. Null: <c>.bandit</c> or <c>[tool.bandit]</c> at the root.</summary>
    public string? BanditConfigPath { get; init; }

    /// <summary>Kingsnake's judgement (default) or Bandit's answers.</summary>
    public CodeCompatibility Compatibility { get; init; } = CodeCompatibility.Kingsnake;

    /// <summary>Ignore <c># nosec</c> comments (Bandit's <c>--ignore-nosec</c>).</summary>
    public bool IgnoreNosec { get; init; }

    /// <summary>Files larger than this are reported as input errors and not parsed.</summary>
    public long MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Threads to use; 0 means one per core.</summary>
    public int Parallelism { get; init; }
}
