using System.Diagnostics;
using System.Text.Json;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Graph;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Packaging.Names;
using Kingsnake.Packaging.Requirements;
using Kingsnake.Project;
using Kingsnake.Project.Files;

namespace Kingsnake.Dependencies.Environments;

/// <summary>
/// Reads an installed environment: a site-packages directory, or a virtualenv / Python prefix in which
/// <c>lib/python3.*/site-packages</c> (or <c>Lib/site-packages</c>) is found. Every <c>*.dist-info/METADATA</c> and
/// <c>*.egg-info</c> (<c>PKG-INFO</c> + <c>requires.txt</c>, or a single PKG-INFO-format file) is a component; the
/// Requires-Dist graph, with <c>extra == "x"</c> markers honoured only when a parent asks for extra x, tells direct
/// from transitive packages. Files are read with the one bounded reader (regular files only, no link followed, at most
/// <see cref="DependencyReadOptions.MaxFileBytes"/> each) but not through the project's cache: an environment holds
/// thousands of files read once. A site-packages directory or metadata entry that a link leads out of the project and
/// of what the user named is not read. Each component's <see cref="Component.DependsOn"/> holds the edges of that graph:
/// a Requires-Dist whose marker does not hold for the environment's own Python (<c>python_version</c> from the
/// <c>lib/pythonX.Y</c> layout; other variables unknown, so kept) or that only an unrequested extra asks for is not an edge.
/// </summary>
public static class InstalledEnvironmentReader
{
    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetFullPath(path), options, path, Read);

    public static void Read(DependencyCollector collector, string path)
    {
        var fullPath = Path.GetFullPath(path);
        var relative = collector.Relative(fullPath);
        var started = Stopwatch.GetTimestamp();
        var before = collector.Components.Count;
        var sitePackages = FindSitePackages(fullPath);
        if (sitePackages.Count == 0)
        {
            collector.Error(SourceSpan.WholeFile(relative), "no site-packages directory (and no .dist-info/.egg-info entries) found here");
        }

        foreach (var directory in sitePackages)
        {
            if (!collector.Project.IsConfined(directory))
            {
                collector.Error(SourceSpan.WholeFile(collector.Relative(directory)), "site-packages leads outside the project through a link; not read");
                continue;
            }

            var distributions = ReadDistributions(collector, directory);
            AddComponents(collector, distributions, PythonVersionOf(directory));
        }

        collector.Timing(new FileReadTiming(relative, DependencyFileKind.Environment, Stopwatch.GetElapsedTime(started), collector.Components.Count - before));
    }

    /// <summary>
    /// The site-packages directories of <paramref name="path"/>: itself when it holds metadata directories, else
    /// <c>lib/python3.*/site-packages</c>, <c>lib64/…</c> and <c>Lib/site-packages</c> under it.
    /// </summary>
    public static IReadOnlyList<string> FindSitePackages(string path)
    {
        if (!Directory.Exists(path))
        {
            return [];
        }

        if (HoldsMetadata(path))
        {
            return [path];
        }

        var found = new List<string>();
        foreach (var lib in (ReadOnlySpan<string>)["lib", "lib64"])
        {
            var libDirectory = Path.Combine(path, lib);
            if (!Directory.Exists(libDirectory))
            {
                continue;
            }

            foreach (var pythonDirectory in Directory.EnumerateDirectories(libDirectory, "python*").Order(StringComparer.Ordinal))
            {
                var candidate = Path.Combine(pythonDirectory, "site-packages");
                var real = Path.GetFullPath(candidate);
                if (Directory.Exists(candidate) && !found.Any(f => SameDirectory(f, real)))
                {
                    found.Add(candidate);
                }
            }
        }

        var windows = Path.Combine(path, "Lib", "site-packages");
        if (Directory.Exists(windows) && !found.Any(f => SameDirectory(f, windows)))
        {
            found.Add(windows);
        }

        return found;
    }

    private static bool SameDirectory(string a, string b)
    {
        static string Resolve(string p)
        {
            var info = new DirectoryInfo(p);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }

        return Resolve(a) == Resolve(b);
    }

    private static bool HoldsMetadata(string path) =>
        Directory.EnumerateFileSystemEntries(path, "*.dist-info").Any() || Directory.EnumerateFileSystemEntries(path, "*.egg-info").Any();

    /// <summary>"3.11" from <c>…/lib/python3.11/site-packages</c>; null when the layout does not say.</summary>
    internal static string? PythonVersionOf(string sitePackages)
    {
        var parent = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(sitePackages).TrimEnd('/', '\\')) ?? "");
        if (parent.StartsWith("python", StringComparison.Ordinal) && parent.Length > 6)
        {
            var version = parent[6..];
            if (version.Contains('.', StringComparison.Ordinal) && version.All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>Reads every distribution's metadata in one site-packages directory; a broken one is an error, the rest go on.</summary>
    public static List<InstalledDistribution> ReadDistributions(DependencyCollector collector, string sitePackages)
    {
        var distributions = new List<InstalledDistribution>();
        var entries = Directory.EnumerateFileSystemEntries(sitePackages)
            .Where(e => e.EndsWith(".dist-info", StringComparison.Ordinal) || e.EndsWith(".egg-info", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (entries.Count > collector.Options.MaxInstalledDistributions)
        {
            collector.Error(SourceSpan.WholeFile(collector.Relative(sitePackages)), $"{entries.Count:N0} metadata entries, over the limit of {collector.Options.MaxInstalledDistributions:N0}; the rest are skipped");
            entries.RemoveRange(collector.Options.MaxInstalledDistributions, entries.Count - collector.Options.MaxInstalledDistributions);
        }

        foreach (var entry in entries)
        {
            if (new FileInfo(entry).LinkTarget is not null && !collector.Project.IsConfined(entry))
            {
                collector.Note(SourceSpan.WholeFile(collector.Relative(entry)), "a link that leads out of the project; not read");
                continue;
            }

            var isDistInfo = entry.EndsWith(".dist-info", StringComparison.Ordinal);
            var metadataPath = isDistInfo
                ? Path.Combine(entry, "METADATA")
                : Directory.Exists(entry) ? Path.Combine(entry, "PKG-INFO") : entry;
            var relative = collector.Relative(metadataPath);
            if (!File.Exists(metadataPath))
            {
                collector.Error(SourceSpan.WholeFile(relative), "metadata file missing; distribution skipped");
                continue;
            }

            try
            {
                var metadata = CoreMetadata.Parse(BoundedFileReader.Read(metadataPath, collector.Options.MaxFileBytes));
                if (metadata.Name is not { Length: > 0 } name || metadata.Version is not { Length: > 0 } version)
                {
                    collector.Error(SourceSpan.WholeFile(relative), "metadata has no Name or no Version; distribution skipped");
                    continue;
                }

                var requires = metadata.RequiresDist.ToList();
                if (!isDistInfo && Directory.Exists(entry))
                {
                    requires.AddRange(ReadRequiresTxt(collector, Path.Combine(entry, "requires.txt")));
                }

                var (url, editable) = isDistInfo ? ReadDirectUrl(collector, Path.Combine(entry, "direct_url.json")) : (null, false);
                distributions.Add(new InstalledDistribution(
                    name, PackageName.Normalize(name), version, relative, metadata.LineOf("Version"), requires, metadata.ProvidesExtra.ToList())
                {
                    Url = url,
                    Editable = editable,
                });
            }
            catch (InputFormatException ex)
            {
                collector.Error(SourceSpan.WholeFile(relative), ex.Message);
            }
        }

        return distributions;
    }

    /// <summary>
    /// setuptools' <c>requires.txt</c>: requirement lines, grouped under <c>[extra]</c>, <c>[extra:marker]</c> or
    /// <c>[:marker]</c> sections, turned into Requires-Dist strings with the equivalent marker.
    /// </summary>
    internal static IEnumerable<string> ReadRequiresTxt(DependencyCollector collector, string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        try
        {
            text = FileContent.Decode(BoundedFileReader.Read(path, collector.Options.MaxFileBytes));
        }
        catch (InputFormatException ex)
        {
            collector.Error(ex.ToError(collector.Relative(path)).Location, ex.Message);
            return [];
        }

        var result = new List<string>();
        var sectionMarker = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var section = line[1..^1];
                var colon = section.IndexOf(':', StringComparison.Ordinal);
                var extra = colon >= 0 ? section[..colon].Trim() : section.Trim();
                var marker = colon >= 0 ? section[(colon + 1)..].Trim() : "";
                var parts = new List<string>();
                if (extra.Length > 0)
                {
                    parts.Add($"extra == \"{extra}\"");
                }

                if (marker.Length > 0)
                {
                    parts.Add(parts.Count > 0 ? $"({marker})" : marker);
                }

                sectionMarker = string.Join(" and ", parts);
                continue;
            }

            if (sectionMarker.Length == 0)
            {
                result.Add(line);
            }
            else
            {
                var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                result.Add(semicolon >= 0
                    ? $"{line[..semicolon].Trim()} ; ({line[(semicolon + 1)..].Trim()}) and ({sectionMarker})"
                    : $"{line} ; {sectionMarker}");
            }
        }

        return result;
    }

    private static (string? Url, bool Editable) ReadDirectUrl(DependencyCollector collector, string path)
    {
        if (!File.Exists(path))
        {
            return (null, false);
        }

        try
        {
            using var document = JsonDocument.Parse(BoundedFileReader.Read(path, 1024 * 1024), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var urlElement) || urlElement.ValueKind != JsonValueKind.String)
            {
                return (null, false);
            }

            var url = urlElement.GetString();
            var editable = root.TryGetProperty("dir_info", out var dirInfo) && dirInfo.ValueKind == JsonValueKind.Object
                && dirInfo.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True;
            if (root.TryGetProperty("vcs_info", out var vcs) && vcs.ValueKind == JsonValueKind.Object
                && vcs.TryGetProperty("vcs", out var vcsName) && vcsName.ValueKind == JsonValueKind.String)
            {
                var commit = vcs.TryGetProperty("commit_id", out var c) && c.ValueKind == JsonValueKind.String ? "@" + c.GetString() : "";
                url = $"{vcsName.GetString()}+{url}{commit}";
            }

            return (url, editable);
        }
        catch (Exception ex) when (ex is JsonException or InputFormatException)
        {
            collector.Note(SourceSpan.WholeFile(collector.Relative(path)), $"direct_url.json unreadable: {ex.Message}");
            return (null, false);
        }
    }

    /// <summary>Builds the Requires-Dist graph of one environment and adds a component per distribution.</summary>
    internal static void AddComponents(DependencyCollector collector, List<InstalledDistribution> distributions, string? pythonVersion)
    {
        var byName = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var distribution in distributions)
        {
            byName.TryAdd(distribution.NormalizedName, distribution);
        }

        var requirements = new Dictionary<string, List<Requirement>>(StringComparer.Ordinal);
        foreach (var distribution in byName.Values)
        {
            var parsed = new List<Requirement>(distribution.RequiresDist.Count);
            foreach (var text in distribution.RequiresDist)
            {
                if (Requirement.TryParse(text, out var requirement, out string error))
                {
                    parsed.Add(requirement);
                }
                else
                {
                    collector.Note(SourceSpan.WholeFile(distribution.MetadataPath), $"unreadable Requires-Dist '{text}': {error}");
                }
            }

            requirements[distribution.NormalizedName] = parsed;
        }

        var graph = new DependencyGraph();
        var requested = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var queue = new Queue<(string Name, string Extra)>();

        void Request(string name, string extra)
        {
            if (!requested.TryGetValue(name, out var extras))
            {
                extras = new HashSet<string>(StringComparer.Ordinal);
                requested[name] = extras;
                if (extra.Length > 0 && extras.Add(""))
                {
                    queue.Enqueue((name, ""));
                }
            }

            if (extras.Add(extra))
            {
                queue.Enqueue((name, extra));
            }
        }

        List<string>? topLevel = null;
        if (collector.Options.TopLevelRequirements is { } given)
        {
            topLevel = [];
            foreach (var text in given)
            {
                if (Requirement.TryParse(text, out var requirement, out string _) && byName.ContainsKey(requirement.NormalizedName))
                {
                    topLevel.Add(requirement.NormalizedName);
                    Request(requirement.NormalizedName, "");
                    foreach (var extra in requirement.Extras)
                    {
                        Request(requirement.NormalizedName, PackageName.Normalize(extra));
                    }
                }
            }
        }
        else
        {
            foreach (var name in byName.Keys)
            {
                Request(name, "");
            }
        }

        foreach (var name in byName.Keys)
        {
            graph.AddNode(name);
        }

        while (queue.Count > 0)
        {
            var (name, extra) = queue.Dequeue();
            string? Lookup(string variable) => variable switch
            {
                "extra" => extra,
                "python_version" => pythonVersion,
                _ => null,
            };

            foreach (var requirement in requirements[name])
            {
                if (!byName.ContainsKey(requirement.NormalizedName))
                {
                    continue;
                }

                var active = requirement.Marker is null
                    ? extra.Length == 0
                    : requirement.Marker.EvaluatePartial(Lookup) != false;
                if (!active)
                {
                    continue;
                }

                graph.AddEdge(name, requirement.NormalizedName);
                Request(requirement.NormalizedName, "");
                foreach (var requiredExtra in requirement.Extras)
                {
                    Request(requirement.NormalizedName, PackageName.Normalize(requiredExtra));
                }
            }
        }

        // Roots: the given top-level packages, else what nothing requires; then, for what is still unreached
        // (cycles, or packages outside the given list), the first unreached name in order, until all are reached.
        // Which names become roots depends only on what is reachable, which grows as roots are added: marking it
        // root by root visits each package once, and the chains are then found in one breadth-first walk.
        var roots = topLevel ?? graph.NodesWithoutIncoming().ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            graph.MarkReachable(root, reached);
        }

        foreach (var name in byName.Keys.Order(StringComparer.Ordinal))
        {
            if (!reached.Contains(name))
            {
                roots.Add(name);
                graph.MarkReachable(name, reached);
            }
        }

        var chains = graph.ShortestChains(roots);

        var rootSet = roots.ToHashSet(StringComparer.Ordinal);
        foreach (var distribution in distributions)
        {
            var isDirect = rootSet.Contains(distribution.NormalizedName);
            collector.Add(new Component
            {
                Name = distribution.Name,
                NormalizedName = distribution.NormalizedName,
                Version = distribution.Version,
                Location = new SourceSpan(distribution.MetadataPath, distribution.VersionLine, distribution.VersionLine > 0 ? 1 : 0),
                Source = ComponentSource.Environment,
                Direct = isDirect,
                Url = distribution.Url,
                Editable = distribution.Editable,
                DependsOn = graph.Successors(distribution.NormalizedName).Distinct(StringComparer.Ordinal).ToList(),
                IntroducedBy = isDirect ? IntroductionPath.Empty : chains.GetValueOrDefault(distribution.NormalizedName) ?? IntroductionPath.Empty,
            });
        }
    }
}
