using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Scripts;
using MAB.DotIgnore;

namespace Kingsnake.Dependencies.Discovery;

/// <summary>One file or directory to read, and as what.</summary>
public sealed record DependencyInput(DependencyFileKind Kind, string Path);

/// <summary>What to look for when walking a project.</summary>
public sealed record DiscoveryOptions
{
    public static DiscoveryOptions Default { get; } = new();

    /// <summary>Gitignore-style patterns (relative to the root) of paths to leave out, from the configuration.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Honour <c>.gitignore</c> files found on the way.</summary>
    public bool UseGitIgnore { get; init; } = true;

    /// <summary>Look for PEP 723 blocks in <c>.py</c> files.</summary>
    public bool IncludeScripts { get; init; } = true;

    /// <summary>
    /// Virtual environments (<c>.venv</c>, <c>venv</c>, any directory with <c>pyvenv.cfg</c>): null (the default)
    /// reads them only when the project has no manifest or lockfile, since an environment mirrors what those declare
    /// and is local state; true always; false never.
    /// </summary>
    public bool? IncludeEnvironments { get; init; }

    /// <summary>How many bytes of a .py file are scanned for a <c># /// script</c> opening line.</summary>
    public int ScriptProbeBytes { get; init; } = 8 * 1024;

    public int MaxDepth { get; init; } = 32;

    /// <summary>Stop walking after this many directory entries (a guard against giant trees).</summary>
    public int MaxEntries { get; init; } = 500_000;
}

/// <summary>The inputs found in a project, with what was skipped and why.</summary>
public sealed record DiscoveryResult(IReadOnlyList<DependencyInput> Inputs, IReadOnlyList<InputNote> Notes, IReadOnlyList<InputError> Errors);

/// <summary>
/// Walks a project directory for dependency inputs: requirements files (<c>requirements*.txt</c>, <c>requirements*.in</c>,
/// and <c>*.txt</c>/<c>*.in</c> under a <c>requirements/</c> folder), <c>pyproject.toml</c>, <c>poetry.lock</c>,
/// <c>uv.lock</c>, <c>Pipfile.lock</c>, <c>pdm.lock</c>, <c>pylock*.toml</c>, <c>.py</c> scripts with a PEP 723 block,
/// and virtual environments (see <see cref="DiscoveryOptions.IncludeEnvironments"/>). Skips VCS and tool folders,
/// build output, site-packages, <c>.gitignore</c>d paths and configured exclusions; never follows directory links.
/// </summary>
public static class DependencyDiscovery
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", ".tox", ".nox", "__pycache__", "site-packages", "dist-packages",
        "build", "dist", ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype", ".cache", ".idea", ".vscode",
        "__pypackages__",
    };

    /// <summary>The kind of input a file name denotes, or null. <paramref name="parentDirectoryName"/> lets <c>requirements/*.txt</c> count.</summary>
    public static DependencyFileKind? KindOf(string fileName, string? parentDirectoryName = null)
    {
        switch (fileName)
        {
            case "pyproject.toml":
                return DependencyFileKind.PyProject;
            case "poetry.lock":
                return DependencyFileKind.PoetryLock;
            case "uv.lock":
                return DependencyFileKind.UvLock;
            case "Pipfile.lock":
                return DependencyFileKind.PipfileLock;
            case "pdm.lock":
                return DependencyFileKind.PdmLock;
        }

        if (PyLockReader.IsPyLockFileName(fileName))
        {
            return DependencyFileKind.PyLock;
        }

        var isTextOrIn = fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".in", StringComparison.OrdinalIgnoreCase);
        if (isTextOrIn && (fileName.StartsWith("requirements", StringComparison.OrdinalIgnoreCase)
            || (parentDirectoryName is not null && parentDirectoryName.StartsWith("requirements", StringComparison.OrdinalIgnoreCase))))
        {
            return DependencyFileKind.Requirements;
        }

        return null;
    }

    /// <summary>
    /// The kind of an input the user named explicitly: a directory is an environment, a known file name its kind,
    /// a <c>.py</c> file a script, and any other file a requirements file (as <c>pip install -r</c> takes any name).
    /// </summary>
    public static DependencyInput ForExplicitPath(string path)
    {
        if (Directory.Exists(path))
        {
            return new DependencyInput(DependencyFileKind.Environment, path);
        }

        var fileName = Path.GetFileName(path);
        var kind = KindOf(fileName)
            ?? (fileName.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? DependencyFileKind.Script : DependencyFileKind.Requirements);
        return new DependencyInput(kind, path);
    }

    public static DiscoveryResult Discover(string root, DiscoveryOptions? options = null)
    {
        options ??= DiscoveryOptions.Default;
        var fullRoot = Path.GetFullPath(root);
        var inputs = new List<DependencyInput>();
        var environments = new List<DependencyInput>();
        var notes = new List<InputNote>();
        var errors = new List<InputError>();
        if (!Directory.Exists(fullRoot))
        {
            errors.Add(new InputError(SourceSpan.WholeFile(root), "project directory not found"));
            return new DiscoveryResult(inputs, notes, errors);
        }

        var ignores = new List<(string Base, IgnoreList List)>();
        if (options.Exclude.Count > 0)
        {
            ignores.Add(("", new IgnoreList(options.Exclude)));
        }

        var entries = 0;
        Walk(fullRoot, "", 0);
        var hasManifests = inputs.Any(i => i.Kind != DependencyFileKind.Script);
        if (environments.Count > 0)
        {
            var include = options.IncludeEnvironments ?? !hasManifests;
            if (include)
            {
                inputs.AddRange(environments);
            }
            else
            {
                foreach (var environment in environments)
                {
                    notes.Add(new InputNote(
                        SourceSpan.WholeFile(Relative(fullRoot, environment.Path)),
                        "virtual environment not audited: the project's manifests and lockfiles are (name it explicitly to audit it)"));
                }
            }
        }

        return new DiscoveryResult(inputs, notes, errors);

        void Walk(string directory, string relativeDirectory, int depth)
        {
            var pushed = false;
            if (options.UseGitIgnore)
            {
                var gitignore = Path.Combine(directory, ".gitignore");
                if (File.Exists(gitignore))
                {
                    try
                    {
                        ignores.Add((relativeDirectory, new IgnoreList(File.ReadAllLines(gitignore))));
                        pushed = true;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                    {
                        errors.Add(new InputError(SourceSpan.WholeFile(Join(relativeDirectory, ".gitignore")), $"cannot read .gitignore: {ex.Message}"));
                    }
                }
            }

            try
            {
                IEnumerable<FileSystemInfo> children;
                try
                {
                    children = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new InputError(SourceSpan.WholeFile(relativeDirectory.Length == 0 ? "." : relativeDirectory), $"cannot list directory: {ex.Message}"));
                    return;
                }

                var directoryName = Path.GetFileName(directory);
                foreach (var child in children)
                {
                    if (++entries > options.MaxEntries)
                    {
                        if (entries == options.MaxEntries + 1)
                        {
                            errors.Add(new InputError(SourceSpan.WholeFile("."), $"more than {options.MaxEntries:N0} entries; the walk stopped there"));
                        }

                        return;
                    }

                    var relative = Join(relativeDirectory, child.Name);
                    var isDirectory = child is DirectoryInfo;
                    if (IsIgnored(relative, isDirectory))
                    {
                        continue;
                    }

                    if (isDirectory)
                    {
                        if (child.LinkTarget is not null || SkippedDirectories.Contains(child.Name) || child.Name.EndsWith(".egg-info", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        if (File.Exists(Path.Combine(child.FullName, "pyvenv.cfg")))
                        {
                            environments.Add(new DependencyInput(DependencyFileKind.Environment, child.FullName));
                            continue;
                        }

                        if (depth + 1 > options.MaxDepth)
                        {
                            notes.Add(new InputNote(SourceSpan.WholeFile(relative), $"deeper than {options.MaxDepth} levels; not searched"));
                            continue;
                        }

                        Walk(child.FullName, relative, depth + 1);
                        continue;
                    }

                    if (KindOf(child.Name, directoryName) is { } kind)
                    {
                        inputs.Add(new DependencyInput(kind, child.FullName));
                    }
                    else if (options.IncludeScripts && child.Name.EndsWith(".py", StringComparison.Ordinal) && HasScriptBlock(child.FullName, options.ScriptProbeBytes))
                    {
                        inputs.Add(new DependencyInput(DependencyFileKind.Script, child.FullName));
                    }
                }
            }
            finally
            {
                if (pushed)
                {
                    ignores.RemoveAt(ignores.Count - 1);
                }
            }
        }

        bool IsIgnored(string relative, bool isDirectory)
        {
            foreach (var (basePath, list) in ignores)
            {
                if (basePath.Length > 0 && !relative.StartsWith(basePath + "/", StringComparison.Ordinal))
                {
                    continue;
                }

                var local = basePath.Length == 0 ? relative : relative[(basePath.Length + 1)..];
                if (list.IsIgnored(local, isDirectory))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool HasScriptBlock(string path, int probeBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            var buffer = new byte[Math.Min(probeBytes, (int)Math.Min(stream.Length, int.MaxValue))];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            return InlineScriptReader.MayHaveScriptBlock(text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
