using Kingsnake.Core.Inventory;
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
        var optionalByPackage = new Dictionary<LockedPackage, List<(string Extra, List<string> Names)>>();
        var requestedExtras = new HashSet<(string Name, string Extra)>();
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
            var files = new List<DistributionFile>();
            var fileEntries = new List<TomlNode>();
            if (entry.Table("sdist") is { } sdist)
            {
                fileEntries.Add(sdist);
            }

            fileEntries.AddRange(entry.Array("wheels")?.Items ?? []);
            foreach (var file in fileEntries)
            {
                LockfileReading.AddHash(hashes, file.String("hash"));
                var url = file.String("url");
                var fileHashes = new List<string>();
                LockfileReading.AddHash(fileHashes, file.String("hash"));
                files.Add(new DistributionFile(file.String("filename") ?? LockfileReading.FileNameOf(url ?? file.String("path")), url, fileHashes));
            }

            var package = new LockedPackage
            {
                Name = name,
                Version = entry.String("version"),
                Location = LockfileReading.At(relative, entry),
                Hashes = hashes,
                Files = files,
                Url = SourceUrl(source),
                Editable = source?["editable"] is not null,
                IsProjectRoot = isRoot,
            };

            AddDependencies(package, entry["dependencies"], isRoot ? mainDirect : null, "", requestedExtras);
            package.RuntimeDependsOn = [.. package.DependsOn];
            var optional = new List<(string Extra, List<string> Names)>();
            foreach (var (extra, list) in entry.Table("optional-dependencies")?.Members ?? [])
            {
                var before = package.DependsOn.Count;
                AddDependencies(package, list, isRoot ? otherDirect : null, PackageName.Normalize(extra), requestedExtras);
                optional.Add((PackageName.Normalize(extra), package.DependsOn.GetRange(before, package.DependsOn.Count - before)));
            }

            foreach (var (group, list) in entry.Table("dev-dependencies")?.Members ?? [])
            {
                AddDependencies(package, list, isRoot ? otherDirect : null, PackageName.Normalize(group), requestedExtras);
            }

            optionalByPackage[package] = optional;

            if (!isRoot && package.Version is null && source?["registry"] is not null)
            {
                collector.Error(relative, entry.Line, $"[[package]] '{name}' from a registry has no version");
            }

            packages.Add(package);
        }

        // A package's optional dependencies are edges only for the extras some entry asks for ({ name = "x", extra = ["y"] }).
        foreach (var (package, optional) in optionalByPackage)
        {
            foreach (var (extra, names) in optional)
            {
                if (requestedExtras.Contains((package.NormalizedName, extra)))
                {
                    package.RuntimeDependsOn!.AddRange(names);
                }
            }
        }

        var anyRoot = packages.Any(p => p.IsProjectRoot);
        return (packages, anyRoot ? [.. mainDirect, .. otherDirect] : null);
    }

    private static void AddDependencies(
        LockedPackage package, TomlNode? list, List<DirectDependency>? direct, string group, HashSet<(string Name, string Extra)> requestedExtras)
    {
        foreach (var dependency in list?.Items ?? [])
        {
            if (dependency.String("name") is not { } dependencyName)
            {
                continue;
            }

            var normalized = PackageName.Normalize(dependencyName);
            package.DependsOn.Add(normalized);
            foreach (var extra in dependency.Array("extra")?.Items ?? [])
            {
                if (extra.Text is { } extraName)
                {
                    requestedExtras.Add((normalized, PackageName.Normalize(extraName)));
                }
            }

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
