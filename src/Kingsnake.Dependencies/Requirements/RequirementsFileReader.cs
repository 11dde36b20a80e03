using System.Diagnostics;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Requirements;

/// <summary>
/// Reads pip requirements files into components, following <c>-r</c> and <c>-c</c> includes relative to the
/// including file. Entries reached through <c>-c</c> are constraints: they are recorded with
/// <see cref="ConstraintGroup"/> as their group and <c>Direct = false</c>, since a constraint pins a version
/// without asking for the package. Every path a requirements file names (an include, a local project) is confined to
/// the project or to what the user named: one that leads elsewhere is an error naming the including file and line, and
/// is never read.
/// </summary>
public static class RequirementsFileReader
{
    /// <summary>The <see cref="Component.Group"/> of entries that come from a constraints file.</summary>
    public const string ConstraintGroup = "constraint";

    /// <summary>Reads one requirements file (and what it includes) on its own.</summary>
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    /// <summary>Reads <paramref name="path"/> into <paramref name="collector"/>.</summary>
    public static void Read(DependencyCollector collector, string path)
    {
        var state = new IncludeState();
        ReadFile(collector, Path.GetFullPath(path), constraint: false, state, includedFrom: null);
    }

    /// <summary>Reads requirements from text (no includes are followed relative to a real file unless <paramref name="fullPath"/> exists).</summary>
    public static void ReadText(DependencyCollector collector, string text, string fullPath)
    {
        var state = new IncludeState();
        state.Chain.Add(Path.GetFullPath(fullPath));
        ReadEntries(collector, text, Path.GetFullPath(fullPath), constraint: false, state);
    }

    private sealed class IncludeState
    {
        public List<string> Chain { get; } = [];

        public HashSet<(string Path, bool Constraint)> Done { get; } = [];

        public int FilesRead { get; set; }
    }

    private static void ReadFile(DependencyCollector collector, string fullPath, bool constraint, IncludeState state, SourceSpan? includedFrom)
    {
        var relative = collector.Relative(fullPath);
        if (!state.Done.Add((fullPath, constraint)))
        {
            return;
        }

        state.FilesRead++;
        var started = Stopwatch.GetTimestamp();
        var before = collector.Components.Count;
        string text;
        try
        {
            if (!File.Exists(fullPath))
            {
                var where = includedFrom ?? SourceSpan.WholeFile(relative);
                collector.Error(where, $"requirements file '{relative}' not found");
                return;
            }

            text = collector.ReadText(fullPath);
        }
        catch (InputFormatException ex)
        {
            collector.Error(ex.ToError(relative).Location, ex.Message);
            return;
        }

        state.Chain.Add(fullPath);
        try
        {
            ReadEntries(collector, text, fullPath, constraint, state);
        }
        finally
        {
            state.Chain.RemoveAt(state.Chain.Count - 1);
        }

        collector.Timing(new FileReadTiming(relative, DependencyFileKind.Requirements, Stopwatch.GetElapsedTime(started), collector.Components.Count - before));
    }

    private static void ReadEntries(DependencyCollector collector, string text, string fullPath, bool constraint, IncludeState state)
    {
        var relative = collector.Relative(fullPath);
        var entries = RequirementsFileParser.Parse(text, relative, collector);
        foreach (var entry in entries)
        {
            var location = new SourceSpan(relative, entry.Line, entry.Column);
            switch (entry.Kind)
            {
                case RequirementsEntryKind.Include or RequirementsEntryKind.Constraint:
                    FollowInclude(collector, entry, location, fullPath, state, nestedConstraint: entry.Kind == RequirementsEntryKind.Constraint);
                    break;
                case RequirementsEntryKind.Requirement or RequirementsEntryKind.Editable:
                    var component = ToComponent(collector, entry, location, fullPath);
                    if (component is not null)
                    {
                        collector.Add(constraint ? component with { Group = ConstraintGroup, Direct = false } : component);
                    }

                    break;
            }
        }
    }

    private static void FollowInclude(
        DependencyCollector collector, RequirementsEntry entry, SourceSpan location, string referringFile, IncludeState state, bool nestedConstraint)
    {
        var option = nestedConstraint ? "-c" : "-r";
        if (DirectReference.IsUrl(entry.Text) && !entry.Text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            collector.Note(location, $"{option} {entry.Text}: remote files are not fetched; its dependencies are not audited");
            return;
        }

        var target = entry.Text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? FileUrlToPath(entry.Text) : entry.Text;
        var fullPath = collector.Project.ResolveReference(referringFile, entry.Line, target, out var outside);
        if (fullPath is null)
        {
            // nothing of the target is read, so nothing of it can reach the report or the log
            collector.Error(location, $"{option} {outside!.Message}");
            return;
        }

        if (state.Chain.Contains(fullPath, StringComparer.Ordinal))
        {
            collector.Error(location, $"{option} {entry.Text}: include cycle ({string.Join(" -> ", state.Chain.Append(fullPath).Select(collector.Relative))}); not followed");
            return;
        }

        if (state.Chain.Count > collector.Options.MaxIncludeDepth)
        {
            collector.Error(location, $"{option} {entry.Text}: includes nested deeper than {collector.Options.MaxIncludeDepth}; not followed");
            return;
        }

        if (state.FilesRead >= collector.Options.MaxIncludedFiles)
        {
            collector.Error(location, $"{option} {entry.Text}: more than {collector.Options.MaxIncludedFiles} included files; not followed");
            return;
        }

        ReadFile(collector, fullPath, nestedConstraint, state, location);
    }

    private static string FileUrlToPath(string url)
    {
        var rest = url[5..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            rest = slash >= 0 ? rest[slash..] : "/";
        }

        return Uri.UnescapeDataString(rest);
    }

    /// <summary>Turns one requirement or editable entry into a component, the way pip decides what the text names.</summary>
    internal static Component? ToComponent(DependencyCollector collector, RequirementsEntry entry, SourceSpan location, string referringFile)
    {
        var text = entry.Text;
        var editable = entry.Kind == RequirementsEntryKind.Editable;

        // pip: a URL's marker follows "; " (a bare ';' may be part of the URL); otherwise ';' starts it.
        var isUrl = DirectReference.IsUrl(text);
        var marker = "";
        var markerSeparator = isUrl ? "; " : ";";
        var separatorIndex = text.IndexOf(markerSeparator, StringComparison.Ordinal);
        var target = text;
        if (separatorIndex >= 0)
        {
            target = text[..separatorIndex].Trim();
            marker = text[(separatorIndex + markerSeparator.Length)..].Trim();
        }

        var (withoutExtras, pathExtras) = DirectReference.SplitExtras(target);
        var isReference = editable || isUrl || DirectReference.IsLocalReference(withoutExtras);
        if (!isReference)
        {
            if (!Pep508.TryParse(text, out var requirement, out var error))
            {
                collector.Error(location, $"invalid requirement '{text}': {error}");
                return null;
            }

            var version = requirement.Url is null ? Pins.ExactVersion(requirement.Specifier) : ArchiveVersion(requirement.Url, requirement.NormalizedName);
            return new Component
            {
                Name = requirement.Name,
                NormalizedName = requirement.NormalizedName,
                Version = version,
                Specifier = requirement.Specifier,
                Location = location,
                Source = ComponentSource.Requirements,
                Extras = requirement.Extras,
                Marker = requirement.Marker,
                Hashes = entry.Hashes,
                Url = requirement.Url,
                Editable = editable,
            };
        }

        // pip parses the marker of a URL or path too, and refuses the line when it is malformed; record it as
        // packaging prints it, like the markers of PEP 508 requirements.
        if (marker.Length > 0)
        {
            if (!Marker.TryParse(marker, out var parsedMarker, out string markerError))
            {
                collector.Error(location, $"invalid marker '{marker}': {markerError}");
                return null;
            }

            marker = parsedMarker.ToString();
        }

        var name = ReferenceName(collector, withoutExtras, referringFile, location, out var archiveVersion);
        if (name is null)
        {
            return null;
        }

        return new Component
        {
            Name = name,
            NormalizedName = PackageName.Normalize(name),
            Version = archiveVersion,
            Location = location,
            Source = ComponentSource.Requirements,
            Extras = pathExtras,
            Marker = marker,
            Hashes = entry.Hashes,
            Url = withoutExtras,
            Editable = editable,
        };
    }

    private static string? ArchiveVersion(string url, string normalizedName) =>
        DirectReference.TryParseArchiveName(url, out var name, out var version) && PackageName.Normalize(name) == normalizedName ? version : null;

    /// <summary>
    /// The project name of a URL or path requirement: the wheel or sdist file name, the <c>#egg=</c> fragment, the
    /// <c>[project] name</c> of a local directory's pyproject.toml, or, failing those, the last path segment (noted).
    /// </summary>
    private static string? ReferenceName(DependencyCollector collector, string target, string referringFile, SourceSpan location, out string? version)
    {
        version = null;
        if (DirectReference.TryParseArchiveName(target, out var archiveName, out var archiveVersion))
        {
            version = archiveVersion;
            return archiveName;
        }

        if (DirectReference.IsArchive(target) && target.Split('#')[0].EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            collector.Error(location, $"'{target}' is not a valid wheel file name (name-version-python-abi-platform.whl); pip refuses it");
            return null;
        }

        if (DirectReference.EggName(target) is { } egg)
        {
            return egg;
        }

        var isUrl = DirectReference.IsUrl(target);
        if (!isUrl || target.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var localPath = isUrl ? FileUrlToPath(target) : target;
            var candidates = LocalCandidates(collector, referringFile, location.StartLine, localPath, out var outside);
            if (outside is not null && !DirectReference.IsArchive(target) && !candidates.Any(c => Directory.Exists(c) || File.Exists(c)))
            {
                // a local project elsewhere on the machine is not read (its pyproject.toml would be)
                collector.Error(location, outside.Message);
                return null;
            }

            var projectName = candidates.Select(c => LocalProjectName(collector, c)).FirstOrDefault(n => n is not null);
            if (projectName is not null)
            {
                return projectName;
            }

            // A project folder without a static name (setup.py only, as `-e .` often names): pip accepts it and learns
            // the name by building it; the folder's own name is the best guess ("." has no segment to guess from).
            // A folder with neither setup.py nor pyproject.toml is refused by pip ("not installable").
            var folder = candidates.FirstOrDefault(Directory.Exists);
            if (folder is not null)
            {
                if (!File.Exists(Path.Combine(folder, "setup.py")) && !File.Exists(Path.Combine(folder, "pyproject.toml")))
                {
                    collector.Error(location, $"directory '{target}' is not installable: neither setup.py nor pyproject.toml found (pip refuses it)");
                    return null;
                }

                var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
                if (PackageName.IsValid(folderName))
                {
                    collector.Note(location, $"project name of '{target}' guessed from its folder as '{folderName}'");
                    return folderName;
                }
            }
            else if (!isUrl && !DirectReference.IsArchive(target))
            {
                // pip reads a missing path as a (malformed) requirement name, or for -e as neither project nor VCS URL,
                // and refuses the line; a missing archive it only warns about.
                collector.Error(location, $"local path '{target}' does not exist; pip refuses it");
                return null;
            }
        }

        var trimmed = target.Split('#')[0].Split('?')[0].TrimEnd('/', '\\');
        var segment = trimmed[(Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\')) + 1)..];
        if (segment.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            segment = segment[..^4];
        }

        if (segment.Length == 0 || segment is "." or ".." || !PackageName.IsValid(segment))
        {
            collector.Error(location, $"cannot tell the project name of '{target}' (no #egg= fragment, no pyproject.toml name)");
            return null;
        }

        collector.Note(location, $"project name of '{target}' guessed from its path as '{segment}'");
        return segment;
    }

    /// <summary>
    /// Where a local path may be: beside the file that names it, or (as pip resolves it, from the working directory) under
    /// the project root — each only when it stays in the project or in what the user named. <paramref name="outside"/>
    /// says why the first was refused.
    /// </summary>
    private static List<string> LocalCandidates(DependencyCollector collector, string referringFile, int line, string localPath, out InputError? outside)
    {
        var candidates = new List<string>();
        if (collector.Project.ResolveReference(referringFile, line, localPath, out outside) is { } beside)
        {
            candidates.Add(beside);
        }

        var fromRoot = Path.GetFullPath(localPath, collector.Root);
        if (!candidates.Contains(fromRoot, StringComparer.Ordinal) && collector.Project.IsConfined(fromRoot))
        {
            candidates.Add(fromRoot);
        }

        return candidates;
    }

    private static string? LocalProjectName(DependencyCollector collector, string directory)
    {
        var pyproject = Path.Combine(directory, "pyproject.toml");
        if (!File.Exists(pyproject))
        {
            return null;
        }

        try
        {
            var document = collector.Toml(pyproject);
            return document.Path("project")?.String("name") ?? document.Path("tool", "poetry")?.String("name");
        }
        catch (InputFormatException)
        {
            return null; // Reported when the pyproject.toml itself is read.
        }
    }
}
