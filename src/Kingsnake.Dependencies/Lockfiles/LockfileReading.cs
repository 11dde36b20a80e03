using System.Diagnostics;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.PyProject;
using Kingsnake.Dependencies.Reading;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>The shared frame of the lockfile readers: read once, parse, time, turn faults into errors for that file.</summary>
internal static class LockfileReading
{
    public static void ReadToml(
        DependencyCollector collector, string path, DependencyFileKind kind, Action<TomlNode, string, string> read) =>
        collector.ReadFile(path, kind, (fullPath, relative) =>
            read(TomlDocument.Parse(collector.ReadText(fullPath), relative), relative, fullPath));

    /// <summary>The direct dependencies the pyproject.toml beside <paramref name="lockPath"/> declares, or null.</summary>
    public static List<DirectDependency>? DirectFromPyProject(DependencyCollector collector, string lockPath)
    {
        var pyproject = Path.Combine(Path.GetDirectoryName(lockPath)!, "pyproject.toml");
        var names = PyProjectReader.DirectDependencies(collector, pyproject);
        return names?.Select(d => new DirectDependency(d.NormalizedName, d.Group)).ToList();
    }

    public static SourceSpan At(string relativePath, TomlNode node) => new(relativePath, node.Line, node.Column);

    /// <summary>Hashes as <c>algorithm:digest</c> from a <c>hash = "sha256:…"</c> string.</summary>
    public static void AddHash(List<string> hashes, string? hash)
    {
        if (!string.IsNullOrEmpty(hash) && hash.Contains(':', StringComparison.Ordinal) && !hashes.Contains(hash, StringComparer.Ordinal))
        {
            hashes.Add(hash);
        }
    }

    /// <summary>Hashes from a PEP 751 <c>hashes = {sha256 = "…"}</c> table.</summary>
    public static void AddHashTable(List<string> hashes, TomlNode? table)
    {
        if (table is not { Kind: TomlNodeKind.Table })
        {
            return;
        }

        foreach (var (algorithm, digest) in table.Members)
        {
            if (digest.Kind == TomlNodeKind.String)
            {
                AddHash(hashes, $"{algorithm}:{digest.Text}");
            }
        }
    }

    /// <summary>The last path segment of a file URL or path, percent-decoded; null when there is none.</summary>
    public static string? FileNameOf(string? urlOrPath)
    {
        if (string.IsNullOrEmpty(urlOrPath))
        {
            return null;
        }

        var path = urlOrPath.Split('#', 2)[0].Split('?', 2)[0].TrimEnd('/');
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var name = Uri.UnescapeDataString(path[(slash + 1)..]);
        return name.Length == 0 ? null : name;
    }

    /// <summary>Group name for the inventory: the main set ("main", "default") is empty.</summary>
    public static string GroupName(IEnumerable<string> groups)
    {
        var list = groups.ToList();
        if (list.Count == 0 || list.Any(g => g is "main" or "default"))
        {
            return "";
        }

        return string.Join(',', list.Select(Packaging.Names.PackageName.Normalize));
    }
}
