using MAB.DotIgnore;

namespace Kingsnake.Workflows.Auditing;

/// <summary>What kind of YAML file the workflow audit reads.</summary>
public enum WorkflowFileKind
{
    Workflow,
    Action,

    /// <summary><c>.github/dependabot.yml</c>.</summary>
    Dependabot,

    /// <summary><c>.pre-commit-config.yaml</c>.</summary>
    PreCommit,
}

/// <summary>A file found for the workflow audit.</summary>
public sealed record WorkflowFileInput(string FullPath, string RelativePath, WorkflowFileKind Kind);

/// <summary>
/// Finds <c>.github/workflows/*.yml|yaml</c>, <c>action.yml|yaml</c>, <c>.github/dependabot.yml</c> and
/// <c>.pre-commit-config.yaml</c> anywhere under a root, skipping VCS
/// metadata, dependency and virtual-environment folders (which hold other people's actions, not the project's)
/// and the configuration's exclude patterns.
/// </summary>
public static class WorkflowDiscovery
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    };

    public static IReadOnlyList<WorkflowFileInput> Discover(string root, IReadOnlyList<string> exclude)
    {
        var found = new List<WorkflowFileInput>();
        var ignore = exclude.Count > 0 ? new IgnoreList(exclude) : null;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // unreadable directory: nothing of ours can be in it
            }

            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                var relative = Path.GetRelativePath(root, entry).Replace('\\', '/');
                var attributes = File.GetAttributes(entry);
                var isDirectory = attributes.HasFlag(FileAttributes.Directory);
                if (ignore?.IsIgnored(relative, isDirectory) == true)
                {
                    continue;
                }

                if (isDirectory)
                {
                    if (!SkippedDirectories.Contains(name) && !attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Push(entry);
                    }

                    continue;
                }

                if (Classify(relative) is { } kind)
                {
                    found.Add(new WorkflowFileInput(entry, relative, kind));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return found;
    }

    /// <summary>The kind of a file by its path, or null when it is neither a workflow nor an action.</summary>
    public static WorkflowFileKind? Classify(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name is "action.yml" or "action.yaml")
        {
            return WorkflowFileKind.Action;
        }

        if (name is ".pre-commit-config.yaml" or ".pre-commit-config.yml")
        {
            return WorkflowFileKind.PreCommit;
        }

        var isYaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var directory = path.Length > name.Length ? path[..(path.Length - name.Length - 1)] : "";
        if (name is "dependabot.yml" or "dependabot.yaml" && (directory == ".github" || directory.EndsWith("/.github", StringComparison.Ordinal)))
        {
            return WorkflowFileKind.Dependabot;
        }

        return isYaml && (directory == ".github/workflows" || directory.EndsWith("/.github/workflows", StringComparison.Ordinal))
            ? WorkflowFileKind.Workflow
            : null;
    }
}
