using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>
/// Reads <c>uv.lock</c>: every <c>[[package]]</c> with its version, source and artifact hashes. The project and
/// workspace members (source <c>editable</c>, <c>virtual</c>, or a <c>directory</c> that is a workspace member) are
/// graph roots, not components: their <c>dependencies</c>, <c>optional-dependencies</c> and <c>dev-dependencies</c>
/// are the direct dependencies.
/// </summary>
public static class UvLockReader
{
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    public static void Read(DependencyCollector collector, string path) =>
        LockfileReading.ReadToml(collector, path, DependencyFileKind.UvLock, (document, relative, fullPath) =>
        {
            var (packages, direct) = Parse(collector, document, relative);
            LockedPackages.Emit(collector, relative, packages, direct ?? LockfileReading.DirectFromPyProject(collector, fullPath));
        });

    internal static (List<LockedPackage> Packages, List<DirectDependency>? Direct) Parse(DependencyCollector collector, TomlNode document, string relative)
    {
        if (document["version"] is { Kind: TomlNodeKind.Integer, Text: var lockVersion } && lockVersion != "1")
        {
            collector.Note(relative, document["version"]!.Line, $"uv.lock version {lockVersion} is newer than the version 1 this reader knows; read as version 1");
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in document.Path("manifest")?.Array("members")?.Items ?? [])
        {
            if (member.Text is { } memberName)
            {
                members.Add(PackageName.Normalize(memberName));
            }
        }

        var packages = new List<LockedPackage>();
        var mainDirect = new List<DirectDependency>();
        var otherDirect = new List<DirectDependency>();
        foreach (var entry in document.Array("package")?.Items ?? [])
        {
            if (entry.Kind != TomlNodeKind.Table || entry.String("name") is not { Length: > 0 } name)
            {
                collector.Error(relative, entry.Line, "[[package]] without a name");
                continue;
            }

            var normalized = PackageName.Normalize(name);
            var source = entry.Table("source");
            var isRoot = source is not null
                && (source["editable"] is not null || source["virtual"] is not null || (source["directory"] is not null && members.Contains(normalized)));
            var hashes = new List<string>();
            LockfileReading.AddHash(hashes, entry.Table("sdist")?.String("hash"));
            foreach (var wheel in entry.Array("wheels")?.Items ?? [])
            {
                LockfileReading.AddHash(hashes, wheel.String("hash"));
            }

            var package = new LockedPackage
            {
                Name = name,
                Version = entry.String("version"),
                Location = LockfileReading.At(relative, entry),
                Hashes = hashes,
                Url = SourceUrl(source),
                Editable = source?["editable"] is not null,
                IsProjectRoot = isRoot,
            };

            AddDependencies(package, entry["dependencies"], isRoot ? mainDirect : null, "");
            foreach (var (extra, list) in entry.Table("optional-dependencies")?.Members ?? [])
            {
                AddDependencies(package, list, isRoot ? otherDirect : null, PackageName.Normalize(extra));
            }

            foreach (var (group, list) in entry.Table("dev-dependencies")?.Members ?? [])
            {
                AddDependencies(package, list, isRoot ? otherDirect : null, PackageName.Normalize(group));
            }

            if (!isRoot && package.Version is null && source?["registry"] is not null)
            {
                collector.Error(relative, entry.Line, $"[[package]] '{name}' from a registry has no version");
            }

            packages.Add(package);
        }

        var anyRoot = packages.Any(p => p.IsProjectRoot);
        return (packages, anyRoot ? [.. mainDirect, .. otherDirect] : null);
    }

    private static void AddDependencies(LockedPackage package, TomlNode? list, List<DirectDependency>? direct, string group)
    {
        foreach (var dependency in list?.Items ?? [])
        {
            if (dependency.String("name") is not { } dependencyName)
            {
                continue;
            }

            var normalized = PackageName.Normalize(dependencyName);
            package.DependsOn.Add(normalized);
            direct?.Add(new DirectDependency(normalized, group));
        }
    }

    private static string? SourceUrl(TomlNode? source)
    {
        if (source is null || source["registry"] is not null)
        {
            return null;
        }

        if (source.String("git") is { } git)
        {
            return git.StartsWith("git+", StringComparison.Ordinal) ? git : "git+" + git;
        }

        return source.String("url") ?? source.String("path") ?? source.String("directory") ?? source.String("editable") ?? source.String("virtual");
    }
}
