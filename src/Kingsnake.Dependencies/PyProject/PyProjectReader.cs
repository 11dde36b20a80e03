using System.Diagnostics;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Targets;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.PyProject;

/// <summary>
/// Reads the dependencies a <c>pyproject.toml</c> declares: PEP 621 <c>[project] dependencies</c> and
/// <c>optional-dependencies</c> (group = the extra), PEP 735 <c>[dependency-groups]</c> (group = the group, with
/// <c>include-group</c> expanded), Poetry's <c>[tool.poetry.*dependencies]</c> (constraints converted to PEP 440),
/// and the legacy dev lists of uv (<c>[tool.uv] dev-dependencies</c>) and PDM (<c>[tool.pdm.dev-dependencies]</c>).
/// </summary>
public static class PyProjectReader
{
    /// <summary>The group Poetry's legacy <c>dev-dependencies</c> and uv's <c>dev-dependencies</c> land in.</summary>
    public const string DevGroup = "dev";

    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    /// <summary>Reads <paramref name="path"/> through the collector's project (the parse is shared with every other reader that consults it).</summary>
    public static void Read(DependencyCollector collector, string path) =>
        collector.ReadFile(path, DependencyFileKind.PyProject, (fullPath, relative) =>
            ReadDocument(collector, collector.Toml(fullPath), relative));

    /// <summary>Reads pyproject.toml text; throws <see cref="InputFormatException"/> when it is not valid TOML.</summary>
    public static void ReadText(DependencyCollector collector, string text, string relativePath)
    {
        var document = TomlDocument.Parse(text, relativePath);
        ReadDocument(collector, document, relativePath);
    }

    internal static void ReadDocument(DependencyCollector collector, TomlNode document, string relativePath)
    {
        var project = document.Table("project");
        collector.DeclarePython(relativePath, SupportedPythonReader.FromPyProject(document, relativePath, collector.Error));
        var projectDependencyNames = new HashSet<string>(StringComparer.Ordinal);
        if (project is not null)
        {
            if (project["dependencies"] is { } dependencies)
            {
                foreach (var component in RequirementList(collector, dependencies, relativePath, "", "[project] dependencies"))
                {
                    projectDependencyNames.Add(component.NormalizedName);
                    collector.Add(component);
                }
            }

            if (project["optional-dependencies"] is { } optional)
            {
                if (optional.Kind != TomlNodeKind.Table)
                {
                    collector.Error(relativePath, optional.Line, "[project] optional-dependencies must be a table of extras");
                }
                else
                {
                    foreach (var (extra, list) in optional.Members)
                    {
                        collector.AddRange(RequirementList(collector, list, relativePath, PackageName.Normalize(extra), $"optional-dependencies.{extra}"));
                    }
                }
            }
        }

        ReadDependencyGroups(collector, document, relativePath);
        ReadPoetry(collector, document, relativePath, projectDependencyNames);
        ReadLegacyDevLists(collector, document, relativePath);
    }

    /// <summary>
    /// Every dependency <paramref name="pyprojectPath"/> declares (normalized name and group, main set first), used to
    /// tell direct from transitive packages in a lockfile beside it. Null when the file is missing or unreadable (the
    /// pyproject reader reports why).
    /// </summary>
    public static IReadOnlyList<(string NormalizedName, string Group)>? DirectDependencies(DependencyCollector collector, string pyprojectPath)
    {
        if (!File.Exists(pyprojectPath))
        {
            return null;
        }

        try
        {
            var document = collector.Toml(pyprojectPath);
            var scratch = new DependencyCollector(collector.Project, collector.Options);
            ReadDocument(scratch, document, "pyproject.toml");
            return scratch.Components.OrderBy(c => c.Group.Length == 0 ? 0 : 1).Select(c => (c.NormalizedName, c.Group)).ToList();
        }
        catch (InputFormatException)
        {
            return null;
        }
    }

    private static List<Component> RequirementList(DependencyCollector collector, TomlNode list, string relativePath, string group, string what)
    {
        var components = new List<Component>();
        if (list.Kind != TomlNodeKind.Array)
        {
            collector.Error(relativePath, list.Line, $"{what} must be an array of requirement strings");
            return components;
        }

        foreach (var item in list.Items)
        {
            if (item.Kind != TomlNodeKind.String)
            {
                collector.Error(relativePath, item.Line, $"{what}: expected a requirement string, found {item.Kind.ToString().ToLowerInvariant()}");
                continue;
            }

            var component = RequirementComponents.FromPep508(
                collector, item.Text!, new SourceSpan(relativePath, item.Line, item.Column), ComponentSource.PyProject, group);
            if (component is not null)
            {
                components.Add(component);
            }
        }

        return components;
    }

    /// <summary>PEP 735: each group lists requirement strings and <c>{include-group = "name"}</c> tables; includes expand in place.</summary>
    private static void ReadDependencyGroups(DependencyCollector collector, TomlNode document, string relativePath)
    {
        if (document["dependency-groups"] is not { } groupsNode)
        {
            return;
        }

        if (groupsNode.Kind != TomlNodeKind.Table)
        {
            collector.Error(relativePath, groupsNode.Line, "[dependency-groups] must be a table");
            return;
        }

        var groups = new Dictionary<string, TomlNode>(StringComparer.Ordinal);
        foreach (var (name, list) in groupsNode.Members)
        {
            if (!groups.TryAdd(PackageName.Normalize(name), list))
            {
                collector.Error(relativePath, list.Line, $"[dependency-groups] '{name}' duplicates another group after name normalization");
            }
        }

        foreach (var (name, _) in groupsNode.Members)
        {
            var normalized = PackageName.Normalize(name);
            var entries = new List<TomlNode>();
            ExpandGroup(collector, groups, normalized, relativePath, [], entries, new HashSet<string>(StringComparer.Ordinal));
            foreach (var item in entries)
            {
                var component = RequirementComponents.FromPep508(
                    collector, item.Text!, new SourceSpan(relativePath, item.Line, item.Column), ComponentSource.PyProject, normalized);
                if (component is not null)
                {
                    collector.Add(component);
                }
            }
        }
    }

    /// <summary>
    /// Appends the entries of group <paramref name="name"/> to <paramref name="output"/>, its includes expanded in
    /// place. A group already expanded for this output (<paramref name="expanded"/>: two includes reaching the same
    /// group) adds nothing the second time: its entries are there already, and expanding it again for every path to it
    /// would take time exponential in the depth of a diamond of includes.
    /// </summary>
    private static void ExpandGroup(
        DependencyCollector collector, Dictionary<string, TomlNode> groups, string name, string relativePath, List<string> chain, List<TomlNode> output, HashSet<string> expanded)
    {
        if (!expanded.Add(name))
        {
            return;
        }

        var list = groups[name];
        if (list.Kind != TomlNodeKind.Array)
        {
            if (chain.Count == 0)
            {
                collector.Error(relativePath, list.Line, $"dependency group '{name}' must be an array");
            }

            return;
        }

        chain.Add(name);
        foreach (var item in list.Items)
        {
            if (item.Kind == TomlNodeKind.String)
            {
                output.Add(item);
                continue;
            }

            var include = item.Kind == TomlNodeKind.Table ? item.String("include-group") : null;
            if (include is null || item.MemberCount != 1)
            {
                // Only report structural problems once, when expanding the group that holds them.
                if (chain.Count == 1)
                {
                    collector.Error(relativePath, item.Line, $"dependency group '{name}': entries must be requirement strings or {{include-group = \"…\"}}");
                }

                continue;
            }

            var target = PackageName.Normalize(include);
            if (!groups.ContainsKey(target))
            {
                if (chain.Count == 1)
                {
                    collector.Error(relativePath, item.Line, $"dependency group '{name}' includes unknown group '{include}'");
                }

                continue;
            }

            if (chain.Contains(target))
            {
                if (chain.Count == 1 || chain[0] == target)
                {
                    collector.Error(relativePath, item.Line, $"dependency group include cycle: {string.Join(" -> ", chain.Append(target))}");
                }

                continue;
            }

            ExpandGroup(collector, groups, target, relativePath, chain, output, expanded);
        }

        chain.RemoveAt(chain.Count - 1);
    }

    private static void ReadPoetry(DependencyCollector collector, TomlNode document, string relativePath, HashSet<string> projectDependencyNames)
    {
        var poetry = document.Path("tool", "poetry");
        if (poetry is null)
        {
            return;
        }

        if (poetry.Table("dependencies") is { } main)
        {
            // Poetry 2: with [project] dependencies present, this table only enriches those entries.
            PoetryTable(collector, main, relativePath, "", skip: projectDependencyNames);
        }

        if (poetry.Table("dev-dependencies") is { } dev)
        {
            PoetryTable(collector, dev, relativePath, DevGroup, skip: null);
        }

        if (poetry.Table("group") is { } groups)
        {
            foreach (var (groupName, group) in groups.Members)
            {
                if (group.Kind == TomlNodeKind.Table && group.Table("dependencies") is { } dependencies)
                {
                    PoetryTable(collector, dependencies, relativePath, PackageName.Normalize(groupName), skip: null);
                }
            }
        }
    }

    private static void PoetryTable(DependencyCollector collector, TomlNode table, string relativePath, string group, HashSet<string>? skip)
    {
        foreach (var (name, value) in table.Members)
        {
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var normalized = PackageName.Normalize(name);
            if (skip is not null && skip.Contains(normalized))
            {
                continue;
            }

            if (value.Kind == TomlNodeKind.Array)
            {
                // Several constraints for different environments: one component each.
                foreach (var item in value.Items)
                {
                    AddPoetryEntry(collector, name, normalized, item, relativePath, group);
                }
            }
            else
            {
                AddPoetryEntry(collector, name, normalized, value, relativePath, group);
            }
        }
    }

    private static void AddPoetryEntry(DependencyCollector collector, string name, string normalized, TomlNode value, string relativePath, string group)
    {
        var location = new SourceSpan(relativePath, value.Line, value.Column);
        string? constraint;
        IReadOnlyList<string> extras = [];
        var markers = new List<string>();
        string? url = null;
        var editable = false;
        switch (value.Kind)
        {
            case TomlNodeKind.String:
                constraint = value.Text;
                break;
            case TomlNodeKind.Table:
                constraint = value.String("version");
                if (value.Array("extras") is { } extrasNode)
                {
                    extras = extrasNode.Items.Where(i => i.Kind == TomlNodeKind.String).Select(i => i.Text!).ToArray();
                }

                if (value.String("markers") is { Length: > 0 } marker)
                {
                    markers.Add(marker);
                }

                if (value.String("python") is { Length: > 0 } python)
                {
                    if (PythonMarker(python) is { } pythonMarker)
                    {
                        markers.Add(pythonMarker);
                    }
                    else
                    {
                        collector.Note(location, $"{name}: python constraint '{python}' could not be turned into a marker");
                    }
                }

                if (value.String("platform") is { Length: > 0 } platform)
                {
                    markers.Add($"sys_platform == \"{platform}\"");
                }

                if (value.String("git") is { } git)
                {
                    var reference = value.String("rev") ?? value.String("tag") ?? value.String("branch");
                    url = "git+" + git + (reference is null ? "" : "@" + reference);
                    if (value.String("subdirectory") is { } subdirectory)
                    {
                        url += "#subdirectory=" + subdirectory;
                    }
                }
                else
                {
                    url = value.String("path") ?? value.String("url");
                }

                editable = value["develop"] is { } develop && develop.IsTrue;
                break;
            default:
                collector.Error(location, $"{name}: expected a version string or a table, found {value.Kind.ToString().ToLowerInvariant()}");
                return;
        }

        var specifier = "";
        if (constraint is not null)
        {
            if (!PoetryConstraint.TryConvert(constraint, out specifier, out var error))
            {
                collector.Note(location, $"{name}: {error}; kept as written");
                specifier = constraint;
            }
        }

        string? version = null;
        if (url is null)
        {
            version = Pins.ExactVersion(specifier);
        }
        else if (Requirements.DirectReference.TryParseArchiveName(url, out var archiveName, out var archiveVersion)
            && PackageName.Normalize(archiveName) == normalized)
        {
            version = archiveVersion;
        }

        collector.Add(new Component
        {
            Name = name,
            NormalizedName = normalized,
            Version = version,
            Specifier = url is null ? specifier : "",
            Location = location,
            Source = ComponentSource.PyProject,
            Extras = extras,
            Marker = markers.Count switch
            {
                0 => "",
                1 => markers[0],
                _ => string.Join(" and ", markers.Select(m => $"({m})")),
            },
            Url = url,
            Editable = editable,
            Group = group,
        });
    }

    /// <summary>Poetry's <c>python = "^3.8"</c> as a PEP 508 marker over <c>python_version</c>; null when not convertible.</summary>
    private static string? PythonMarker(string constraint)
    {
        if (!PoetryConstraint.TryConvert(constraint, out var specifier, out _) || specifier.Length == 0)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var clause in specifier.Split(','))
        {
            var op = new string(clause.TakeWhile(c => c is '<' or '>' or '=' or '!' or '~').ToArray());
            var version = clause[op.Length..];
            var variable = version.Count(c => c == '.') >= 2 && !version.EndsWith(".*", StringComparison.Ordinal) ? "python_full_version" : "python_version";
            parts.Add($"{variable} {op} \"{version}\"");
        }

        return string.Join(" and ", parts);
    }

    private static void ReadLegacyDevLists(DependencyCollector collector, TomlNode document, string relativePath)
    {
        if (document.Path("tool", "uv")?["dev-dependencies"] is { } uvDev)
        {
            collector.AddRange(RequirementList(collector, uvDev, relativePath, DevGroup, "[tool.uv] dev-dependencies"));
        }

        if (document.Path("tool", "pdm", "dev-dependencies") is { } pdmDev)
        {
            foreach (var (groupName, list) in pdmDev.Members)
            {
                // PDM allows "-e path" entries in its dev lists.
                if (list.Kind == TomlNodeKind.Array)
                {
                    var plain = list.Items.Where(i => i.Kind != TomlNodeKind.String || !i.Text!.StartsWith("-e ", StringComparison.Ordinal));
                    foreach (var item in list.Items.Where(i => i.Kind == TomlNodeKind.String && i.Text!.StartsWith("-e ", StringComparison.Ordinal)))
                    {
                        collector.Note(new SourceSpan(relativePath, item.Line, item.Column), $"editable entry '{item.Text}' in [tool.pdm.dev-dependencies] is a local project; not audited");
                    }

                    var filtered = TomlNode.NewArray(list.Line, list.Column, plain);
                    collector.AddRange(RequirementList(collector, filtered, relativePath, PackageName.Normalize(groupName), $"[tool.pdm.dev-dependencies] {groupName}"));
                }
            }
        }
    }
}
