using System.Runtime.CompilerServices;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Every file Scorecard's file-based checks look at, relative to the project root and in path order. In a git work
/// tree the list is the files HEAD tracks (what Scorecard sees of a repository: its tarball), links and submodules
/// left out; elsewhere it is the project walk's every regular file (<see cref="PostureContext.OpenProject"/> lists
/// them all), without virtual environments, caches and build output, which no repository holds. Contents are read
/// only through <see cref="ProjectTree.TryRead"/>.
/// </summary>
internal static class ScorecardFiles
{
    private const int MaxEntries = 1_000_000;
    private const int LinkMode = 0xA000;

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

    private static IReadOnlyList<string> Compute(PostureContext context) => FromGit(context) ?? [.. context.Project.Files.Select(f => f.RelativePath)];

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
}
