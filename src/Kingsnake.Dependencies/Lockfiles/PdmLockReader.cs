using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>
/// Reads <c>pdm.lock</c>: each <c>[[package]]</c> with its version, <c>groups</c>, file hashes, source
/// (<c>path</c>, <c>url</c>, <c>git</c>, <c>editable</c>) and <c>dependencies</c> (PEP 508 strings) for the graph.
/// Direct dependencies come from the pyproject.toml beside it.
/// </summary>
public static class PdmLockReader
{
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    public static void Read(DependencyCollector collector, string path) =>
        LockfileReading.ReadToml(collector, path, DependencyFileKind.PdmLock, (document, relative, fullPath) =>
        {
            var packages = Parse(collector, document, relative);
            LockedPackages.Emit(collector, relative, packages, LockfileReading.DirectFromPyProject(collector, fullPath));
        });

    internal static List<LockedPackage> Parse(DependencyCollector collector, TomlNode document, string relative)
    {
        var packages = new List<LockedPackage>();
        foreach (var entry in document.Array("package")?.Items ?? [])
        {
            if (entry.Kind != TomlNodeKind.Table || entry.String("name") is not { Length: > 0 } name)
            {
                collector.Error(relative, entry.Line, "[[package]] without a name");
                continue;
            }

            var hashes = new List<string>();
            var files = new List<DistributionFile>();
            foreach (var file in entry.Array("files")?.Items ?? [])
            {
                LockfileReading.AddHash(hashes, file.String("hash"));
                var fileHashes = new List<string>();
                LockfileReading.AddHash(fileHashes, file.String("hash"));
                files.Add(new DistributionFile(file.String("file") ?? LockfileReading.FileNameOf(file.String("url")), file.String("url"), fileHashes));
            }

            string? url = entry.String("url") ?? entry.String("path");
            if (entry.String("git") is { } git)
            {
                var revision = entry.String("revision") ?? entry.String("ref");
                url = "git+" + git + (revision is null ? "" : "@" + revision);
            }

            var groups = entry.Array("groups")?.Items.Select(g => g.Text ?? "").ToList() ?? [];
            var package = new LockedPackage
            {
                Name = name,
                Version = entry.String("version"),
                Location = LockfileReading.At(relative, entry),
                Hashes = hashes,
                Files = files,
                Url = url,
                Editable = entry["editable"] is { } editable && editable.IsTrue,
                Group = LockfileReading.GroupName(groups),
                Marker = entry.String("marker") ?? "",
            };

            foreach (var dependency in entry.Array("dependencies")?.Items ?? [])
            {
                if (dependency.Text is { } text && Pep508.TryParse(text, out var requirement, out _))
                {
                    package.DependsOn.Add(requirement.NormalizedName);
                }
                else
                {
                    collector.Error(relative, dependency.Line, $"'{name}' has an unreadable dependency '{dependency.Text}'");
                }
            }

            if (package.Version is null && url is null)
            {
                collector.Error(relative, entry.Line, $"[[package]] '{name}' has neither a version nor a source");
            }

            packages.Add(package);
        }

        return packages;
    }
}
