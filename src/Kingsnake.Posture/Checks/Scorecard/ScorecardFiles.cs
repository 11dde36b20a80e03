using System.Runtime.CompilerServices;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Every file Scorecard's file-based checks look at, relative to the project root and in path order. The project walk
/// lists only the files some area reads (Python sources, manifests, workflows), so licence files, Dockerfiles, shell
/// scripts and binaries are not in <see cref="ProjectTree.Files"/>. In a git work tree the list is the files HEAD
/// tracks (what Scorecard sees of a repository: its tarball), links and submodules left out; elsewhere it is the
/// directory itself, without version-control metadata, tool caches and virtual environments, which no repository
/// holds. Contents are still read only through <see cref="ProjectTree.TryRead"/>.
/// </summary>
internal static class ScorecardFiles
{
    private const int MaxEntries = 1_000_000;
    private const int MaxDepth = 64;
    private const int LinkMode = 0xA000;

    private static readonly HashSet<string> NeverInARepository = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", ".bzr", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox", "node_modules",
    };

    private static readonly ConditionalWeakTable<PostureContext, IReadOnlyList<string>> Cache = [];

    /// <summary>The files, computed once per context.</summary>
    public static IReadOnlyList<string> List(PostureContext context) => Cache.GetValue(context, Compute);

    /// <summary>The bytes of a listed file, or null (with the error) when the project reader refuses it.</summary>
    public static byte[]? Read(PostureContext context, string relativePath, out InputError? error)
    {
        if (context.Project.TryRead(relativePath, out var content, out error))
        {
            return content.Bytes;
        }

        return null;
    }

    /// <summary>The strict UTF-8 text of a listed file, or null when it cannot be read or is not text.</summary>
    public static string? ReadText(PostureContext context, string relativePath)
    {
        if (!context.Project.TryRead(relativePath, out var content, out _))
        {
            return null;
        }

        try
        {
            return content.Text;
        }
        catch (InputFormatException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string> Compute(PostureContext context) => FromGit(context) ?? FromDirectory(context.Project.RootPath);

    private static List<string>? FromGit(PostureContext context)
    {
        if (context.Repository is not { } repository || repository.HeadCommit() is not { } head
            || GitRepository.FindWorkTree(context.Project.RootPath) is not { } workTree)
        {
            return null;
        }

        var prefix = Path.GetRelativePath(workTree, context.Project.RootPath).Replace('\\', '/');
        prefix = prefix == "." ? "" : prefix + "/";
        try
        {
            using var objects = repository.OpenObjects();
            if (objects.ListFiles(head, MaxEntries) is not { } entries)
            {
                return null;
            }

            return [.. entries
                .Where(e => e.IsFile && (e.Mode & 0xF000) != LinkMode && e.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Select(e => e.Name[prefix.Length..])
                .Order(StringComparer.Ordinal)];
        }
        catch (InputFormatException)
        {
            return null;
        }
    }

    private static List<string> FromDirectory(string root)
    {
        var files = new List<string>();
        var pending = new Stack<(string Full, string Relative, int Depth)>();
        pending.Push((root, "", 0));
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        while (pending.TryPop(out var directory) && files.Count < MaxEntries)
        {
            if (directory.Depth > 0 && File.Exists(Path.Combine(directory.Full, "pyvenv.cfg")))
            {
                continue;
            }

            IEnumerable<FileSystemInfo> children;
            try
            {
                children = [.. new DirectoryInfo(directory.Full).EnumerateFileSystemInfos("*", options)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                var relative = directory.Relative.Length == 0 ? child.Name : directory.Relative + "/" + child.Name;
                if (child.LinkTarget is not null)
                {
                    continue;
                }

                if (child is DirectoryInfo)
                {
                    if (!NeverInARepository.Contains(child.Name) && directory.Depth < MaxDepth)
                    {
                        pending.Push((child.FullName, relative, directory.Depth + 1));
                    }
                }
                else if (child is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0)
                {
                    files.Add(relative);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
