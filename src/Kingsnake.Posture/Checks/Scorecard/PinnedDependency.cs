namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's dependency kinds for Pinned-Dependencies (<c>checker.DependencyUseType</c>).</summary>
internal enum PinnedDependencyType
{
    GitHubAction,
    ContainerImage,
    DownloadThenRun,
    PipCommand,
    NpmCommand,
    GoCommand,
}

/// <summary>One dependency Pinned-Dependencies judges: where it is, what it is, whether it is pinned.</summary>
internal sealed record PinnedDependency(PinnedDependencyType Type, bool Pinned, string Path, int Line, string Snippet)
{
    /// <summary>For actions: <c>actions/…</c> and <c>github/…</c> are GitHub-owned (Scorecard's <c>IsGitHubOwnedAction</c>).</summary>
    public bool GitHubOwned => Type == PinnedDependencyType.GitHubAction
        && (Snippet.StartsWith("actions/", StringComparison.Ordinal) || Snippet.StartsWith("github/", StringComparison.Ordinal));
}
