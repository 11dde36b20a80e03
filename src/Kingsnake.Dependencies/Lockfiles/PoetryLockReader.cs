using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>
/// Reads <c>poetry.lock</c> (lock-version 1.x and 2.x): each <c>[[package]]</c> with its version, group
/// (<c>category</c> in 1.x, <c>groups</c> in 2.x), file hashes (per package, or under <c>[metadata.files]</c> in 1.x),
/// source, and <c>[package.dependencies]</c> for the graph. Direct dependencies come from the pyproject.toml beside it.
/// </summary>
public static class PoetryLockReader
{
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    public static void Read(DependencyCollector collector, string path) =>
        LockfileReading.ReadToml(collector, path, DependencyFileKind.PoetryLock, (document, relative, fullPath) =>
        {
            var packages = Parse(collector, document, relative);
            LockedPackages.Emit(collector, relative, packages, LockfileReading.DirectFromPyProject(collector, fullPath));
        });

    internal static List<LockedPackage> Parse(DependencyCollector collector, TomlNode document, string relative)
    {
        var packages = new List<LockedPackage>();
        var extrasByPackage = new Dictionary<LockedPackage, (List<string> Optional, TomlNode? Extras)>();
        var requestedExtras = new HashSet<(string Name, string Extra)>();
        var legacyFiles = document.Path("metadata", "files");
        if (document["package"] is not { } packageArray)
        {
            return packages;
        }

        if (packageArray.Kind != TomlNodeKind.Array)
        {
            collector.Error(relative, packageArray.Line, "'package' must be an array of tables");
            return packages;
        }

        foreach (var entry in packageArray.Items)
        {
            if (entry.Kind != TomlNodeKind.Table || entry.String("name") is not { Length: > 0 } name)
            {
                collector.Error(relative, entry.Line, "[[package]] without a name");
                continue;
            }

            var version = entry.String("version");
            if (version is null)
            {
                collector.Error(relative, entry.Line, $"[[package]] '{name}' has no version");
            }

            var hashes = new List<string>();
            var files = new List<DistributionFile>();
            foreach (var file in (entry.Array("files") ?? legacyFiles?.Array(name))?.Items ?? [])
            {
                LockfileReading.AddHash(hashes, file.String("hash"));
                var fileHashes = new List<string>();
                LockfileReading.AddHash(fileHashes, file.String("hash"));
                files.Add(new DistributionFile(file.String("file"), file.String("url"), fileHashes));
            }

            var groups = entry.Array("groups")?.Items.Select(g => g.Text ?? "").ToList() ?? [];
            if (groups.Count == 0 && entry.String("category") is { } category)
            {
                groups.Add(category);
            }

            string? url = null;
            var editable = false;
            if (entry.Table("source") is { } source && source.String("type") is { } type && type != "legacy")
            {
                url = source.String("url");
                if (type == "git" && url is not null)
                {
                    var reference = source.String("resolved_reference") ?? source.String("reference");
                    url = "git+" + url + (reference is null ? "" : "@" + reference);
                }

                editable = entry["develop"] is { } develop && develop.IsTrue;
            }

            var package = new LockedPackage
            {
                Name = name,
                Version = version,
                Location = LockfileReading.At(relative, entry),
                Hashes = hashes,
                Files = files,
                Url = url,
                Editable = editable,
                Group = LockfileReading.GroupName(groups),
                Marker = entry.String("markers") ?? "",
            };

            package.RuntimeDependsOn = [];
            var optional = new List<string>();
            foreach (var (dependency, constraint) in entry.Table("dependencies")?.Members ?? [])
            {
                var normalized = PackageName.Normalize(dependency);
                package.DependsOn.Add(normalized);
                var constraints = constraint.Kind == TomlNodeKind.Array ? constraint.Items : [constraint];
                if (constraints.All(c => c.Kind == TomlNodeKind.Table && c["optional"] is { } o && o.IsTrue))
                {
                    optional.Add(normalized);
                }
                else
                {
                    package.RuntimeDependsOn.Add(normalized);
                }

                foreach (var c in constraints)
                {
                    foreach (var extra in (c.Kind == TomlNodeKind.Table ? c.Array("extras")?.Items : null) ?? [])
                    {
                        if (extra.Text is { } extraName)
                        {
                            requestedExtras.Add((normalized, PackageName.Normalize(extraName)));
                        }
                    }
                }
            }

            extrasByPackage[package] = (optional, entry.Table("extras"));
            packages.Add(package);
        }

        // An optional dependency is an edge only when some package asks for an extra of this one that lists it.
        foreach (var (package, (optional, extras)) in extrasByPackage)
        {
            foreach (var (extra, list) in extras?.Members ?? [])
            {
                if (!requestedExtras.Contains((package.NormalizedName, PackageName.Normalize(extra))))
                {
                    continue;
                }

                foreach (var item in list.Items)
                {
                    var listed = PackageName.Normalize(item.Text?.Split([' ', '(', '[', ';', '<', '>', '=', '!', '~'], 2)[0] ?? "");
                    if (optional.Contains(listed) && !package.RuntimeDependsOn!.Contains(listed))
                    {
                        package.RuntimeDependsOn!.Add(listed);
                    }
                }
            }
        }

        return packages;
    }
}
