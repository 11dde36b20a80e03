using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>
/// Reads PEP 751 lock files (<c>pylock.toml</c>, <c>pylock.&lt;name&gt;.toml</c>): <c>lock-version</c> must be 1.x;
/// each <c>[[packages]]</c> gives name, version, marker, hashes of its wheels/sdist/archive, and its VCS, directory
/// or archive source. Entries without a version (VCS, directory) are kept with a note: they cannot be matched
/// to advisories by version.
/// </summary>
public static class PyLockReader
{
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    /// <summary>True for <c>pylock.toml</c> and <c>pylock.&lt;name&gt;.toml</c>, the names PEP 751 allows.</summary>
    public static bool IsPyLockFileName(string fileName) => Project.ProjectFileClassifier.IsPyLockFileName(fileName);

    public static void Read(DependencyCollector collector, string path) =>
        LockfileReading.ReadToml(collector, path, DependencyFileKind.PyLock, (document, relative, fullPath) =>
        {
            var packages = Parse(collector, document, relative);
            if (packages is not null)
            {
                LockedPackages.Emit(collector, relative, packages, LockfileReading.DirectFromPyProject(collector, fullPath));
            }
        });

    internal static List<LockedPackage>? Parse(DependencyCollector collector, TomlNode document, string relative)
    {
        var lockVersion = document["lock-version"];
        if (lockVersion?.Text is not { } versionText)
        {
            collector.Error(relative, 0, "not a PEP 751 lock file: 'lock-version' is missing");
            return null;
        }

        var major = versionText.Split('.')[0];
        if (major != "1")
        {
            collector.Error(relative, lockVersion.Line, $"lock-version {versionText} is not supported (only 1.x)");
            return null;
        }

        if (versionText != "1.0" && versionText != "1")
        {
            collector.Note(relative, lockVersion.Line, $"lock-version {versionText} is newer than 1.0; read as 1.0");
        }

        var packages = new List<LockedPackage>();
        foreach (var entry in document.Array("packages")?.Items ?? [])
        {
            if (entry.Kind != TomlNodeKind.Table || entry.String("name") is not { Length: > 0 } name)
            {
                collector.Error(relative, entry.Line, "[[packages]] without a name");
                continue;
            }

            var hashes = new List<string>();
            var files = new List<DistributionFile>();
            var fileEntries = new List<TomlNode>(entry.Array("wheels")?.Items ?? []);
            fileEntries.AddRange(new[] { entry.Table("sdist"), entry.Table("archive") }.OfType<TomlNode>());
            foreach (var file in fileEntries)
            {
                LockfileReading.AddHashTable(hashes, file.Table("hashes"));
                var fileHashes = new List<string>();
                LockfileReading.AddHashTable(fileHashes, file.Table("hashes"));
                var fileUrl = file.String("url");
                files.Add(new DistributionFile(file.String("name") ?? LockfileReading.FileNameOf(fileUrl ?? file.String("path")), fileUrl, fileHashes));
            }

            string? url = null;
            var editable = false;
            if (entry.Table("vcs") is { } vcs)
            {
                var type = vcs.String("type") ?? "git";
                var commit = vcs.String("commit-id") ?? vcs.String("requested-revision");
                url = $"{type}+{vcs.String("url") ?? vcs.String("path")}" + (commit is null ? "" : "@" + commit);
            }
            else if (entry.Table("directory") is { } directory)
            {
                url = directory.String("path");
                editable = directory["editable"] is { } e && e.IsTrue;
            }
            else if (entry.Table("archive") is { } archive)
            {
                url = archive.String("url") ?? archive.String("path");
            }

            var version = entry.String("version");
            if (version is null)
            {
                collector.Note(LockfileReading.At(relative, entry), $"'{name}' has no version (source {url ?? "unknown"}); it cannot be matched to advisories by version");
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
                Marker = entry.String("marker") ?? "",
            };

            foreach (var dependency in entry.Array("dependencies")?.Items ?? [])
            {
                if (dependency.String("name") is { } dependencyName)
                {
                    package.DependsOn.Add(PackageName.Normalize(dependencyName));
                }
            }

            packages.Add(package);
        }

        return packages;
    }
}
