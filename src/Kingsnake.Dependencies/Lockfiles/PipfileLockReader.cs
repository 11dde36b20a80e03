using System.Diagnostics;
using System.Text.Json;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>
/// Reads pipenv's <c>Pipfile.lock</c> (JSON): the <c>default</c> and <c>develop</c> sections, each package with its
/// <c>"==x"</c> version, hashes, markers and VCS/path/file source. The lock records no graph: when a
/// <c>Pipfile</c> sits beside it, the packages it names are direct and the others transitive (chain unknown);
/// without one every package counts as direct.
/// </summary>
public static class PipfileLockReader
{
    public const string DevelopGroup = "develop";

    public static DependencyInventory Read(string path, string? root = null, DependencyReadOptions? options = null) =>
        DependencyCollector.ReadAlone(root ?? Path.GetDirectoryName(Path.GetFullPath(path))!, options, path, Read);

    public static void Read(DependencyCollector collector, string path) =>
        collector.ReadFile(path, DependencyFileKind.PipfileLock, (fullPath, relative) =>
        {
            var content = collector.Read(fullPath);
            _ = content.Text; // invalid UTF-8 is an error with its position, before JSON parsing
            var bytes = content.Bytes;
            var direct = PipfileNames(collector, Path.Combine(Path.GetDirectoryName(fullPath)!, "Pipfile"));
            ReadJson(collector, bytes, relative, direct);
        });

    /// <summary>Reads Pipfile.lock bytes; <paramref name="directNames"/> null means "no Pipfile, all direct".</summary>
    public static void ReadJson(DependencyCollector collector, byte[] bytes, string relative, HashSet<string>? directNames)
    {
        var lines = PackageLines(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new InputFormatException($"invalid JSON: {ex.Message}", (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InputFormatException("Pipfile.lock must be a JSON object", 1, 1);
            }

            foreach (var (section, group) in (ReadOnlySpan<(string, string)>)[("default", ""), ("develop", DevelopGroup)])
            {
                if (!document.RootElement.TryGetProperty(section, out var packages))
                {
                    continue;
                }

                if (packages.ValueKind != JsonValueKind.Object)
                {
                    collector.Error(relative, 0, $"'{section}' must be an object");
                    continue;
                }

                foreach (var property in packages.EnumerateObject())
                {
                    var line = lines.TryGetValue((section, property.Name), out var l) ? l : 0;
                    var location = new SourceSpan(relative, line, line > 0 ? 1 : 0);
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        collector.Error(location, $"'{property.Name}' in '{section}' must be an object");
                        continue;
                    }

                    var component = ToComponent(collector, property.Name, property.Value, location, group, directNames);
                    if (component is not null)
                    {
                        collector.Add(component);
                    }
                }
            }
        }
    }

    private static Kingsnake.Core.Inventory.Component? ToComponent(
        DependencyCollector collector, string name, JsonElement entry, SourceSpan location, string group, HashSet<string>? directNames)
    {
        var versionText = String(entry, "version");
        string? version = null;
        var specifier = "";
        if (versionText is not null)
        {
            version = Pins.ExactVersion(versionText);
            if (version is null)
            {
                specifier = versionText;
                collector.Note(location, $"'{name}' is locked as '{versionText}', not one exact version");
            }
        }

        var hashes = new List<string>();
        if (entry.TryGetProperty("hashes", out var hashArray) && hashArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var hash in hashArray.EnumerateArray())
            {
                if (hash.ValueKind == JsonValueKind.String)
                {
                    LockfileReading.AddHash(hashes, hash.GetString());
                }
            }
        }

        string? url = null;
        if (String(entry, "git") is { } git)
        {
            var reference = String(entry, "ref");
            url = (git.StartsWith("git+", StringComparison.Ordinal) ? git : "git+" + git) + (reference is null ? "" : "@" + reference);
        }
        else
        {
            url = String(entry, "file") ?? String(entry, "path") ?? String(entry, "url");
        }

        if (version is null && url is null && versionText is null)
        {
            collector.Error(location, $"'{name}' has neither a version nor a source");
            return null;
        }

        var extras = entry.TryGetProperty("extras", out var extrasArray) && extrasArray.ValueKind == JsonValueKind.Array
            ? extrasArray.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];
        var normalized = PackageName.Normalize(name);
        return new Kingsnake.Core.Inventory.Component
        {
            Name = name,
            NormalizedName = normalized,
            Version = version,
            Specifier = specifier,
            Location = location,
            Source = Kingsnake.Core.Inventory.ComponentSource.Lockfile,
            Direct = directNames is null || directNames.Contains(normalized),
            Extras = extras,
            Marker = String(entry, "markers") ?? "",
            Hashes = hashes,
            Url = url,
            Editable = entry.TryGetProperty("editable", out var editable) && editable.ValueKind == JsonValueKind.True,
            Group = group,
        };
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The 1-based line of each package key under "default" and "develop" (JsonDocument keeps no positions).</summary>
    private static Dictionary<(string Section, string Name), int> PackageLines(byte[] bytes)
    {
        var lines = new Dictionary<(string, string), int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        var line = 1;
        var counted = 0;
        string? section = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    var name = reader.GetString();
                    section = name is "default" or "develop" ? name : null;
                }
                else if (reader.CurrentDepth == 2 && section is not null)
                {
                    var offset = (int)reader.TokenStartIndex;
                    line += bytes.AsSpan(counted, offset - counted).Count((byte)'\n');
                    counted = offset;
                    lines[(section, reader.GetString()!)] = line;
                }
            }
        }
        catch (JsonException)
        {
            // The full parse reports the fault with its line.
        }

        return lines;
    }

    /// <summary>Normalized names in the Pipfile's [packages] and [dev-packages], or null without a readable Pipfile.</summary>
    private static HashSet<string>? PipfileNames(DependencyCollector collector, string pipfile)
    {
        if (!File.Exists(pipfile))
        {
            return null;
        }

        try
        {
            var document = collector.Toml(pipfile);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in (ReadOnlySpan<string>)["packages", "dev-packages"])
            {
                foreach (var (name, _) in document.Table(table)?.Members ?? [])
                {
                    names.Add(PackageName.Normalize(name));
                }
            }

            return names;
        }
        catch (InputFormatException ex)
        {
            collector.Error(ex.ToError(collector.Relative(pipfile)).Location, ex.Message);
            return null;
        }
    }
}
