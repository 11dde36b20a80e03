namespace Kingsnake.Project;

/// <summary>How the project is walked and read.</summary>
public sealed record ProjectOptions
{
    public static ProjectOptions Default { get; } = new();

    /// <summary>Gitignore-style patterns (relative to the root) from the configuration's <c>exclude</c>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Honour <c>.gitignore</c> files (nested ones and negations included).</summary>
    public bool UseGitIgnore { get; init; } = true;

    /// <summary>
    /// Leave out virtual environments, installed packages, tox/nox and build output (<see cref="ProjectWalker"/> lists
    /// them). False for <c>--no-default-excludes</c>: such files are then listed, marked
    /// <see cref="ProjectEntry.InDefaultExcludedDirectory"/>.
    /// </summary>
    public bool SkipDefaultExcludedDirectories { get; init; } = true;

    /// <summary>
    /// List every regular file in <see cref="ProjectTree.Files"/>, also those no audit reads (kind
    /// <see cref="ProjectFileKind.Other"/>): the posture checks look at licenses, security policies and binaries.
    /// Off for audits, whose walks then skip what they would never read.
    /// </summary>
    public bool ListAllFiles { get; init; }

    /// <summary>The largest file any area reads.</summary>
    public long MaxFileBytes { get; init; } = Files.BoundedFileReader.DefaultMaxBytes;

    public int MaxDepth { get; init; } = 64;

    /// <summary>Stop walking after this many directory entries (a guard against giant trees).</summary>
    public int MaxEntries { get; init; } = 1_000_000;

    /// <summary>
    /// Files and directories the user named on the command line (full paths). A path a scanned file names may point into
    /// them — into the directory of a named file, or under a named directory — as well as into the project.
    /// </summary>
    public IReadOnlyList<string> UserNamedPaths { get; init; } = [];

    /// <summary>
    /// What the user asked to audit inside the project, as full paths of files and directories (<c>kingsnake audit
    /// app.py .github/workflows/ci.yml</c>, as pre-commit and editors pass them); null for the whole project, empty for
    /// none of it (only inputs named apart, such as <c>--env</c>). Only these
    /// are listed in <see cref="ProjectTree.Files"/>; the project's configuration files are still found through
    /// <see cref="ProjectTree.Find"/>. A named file is audited even where the walk would skip it (an environment, a
    /// <c>.gitignore</c>d path), except when the configuration's <see cref="Exclude"/> covers it.
    /// </summary>
    public IReadOnlyList<string>? Scope { get; init; }
}
