using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Requirements;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The BOM of one built distribution file (a wheel, or an sdist as <c>.tar.gz</c> or <c>.zip</c>): the root is the
/// distribution itself (metadata via <see cref="MetadataComponent"/>, the file's SHA-256, its file name as
/// <c>packageFileName</c> and purl <c>file_name</c>, its shipped PEP 770 SBOMs as <c>bom</c> references); every
/// <c>Requires-Dist</c> is an unresolved component (specifier, no version; required, or optional when only an extra
/// asks for it) that the root depends on. Lifecycle <c>post-build</c>; incomplete, since nothing is resolved.
/// </summary>
public static class DistributionBomBuilder
{
    /// <summary>Builds the BOM; <see cref="InputFormatException"/> when the file is unreadable or not a distribution.</summary>
    public static BomBuildResult Build(string path, BomBuildOptions? options = null)
    {
        options ??= BomBuildOptions.Default;
        var full = Path.GetFullPath(path);
        var fileName = Path.GetFileName(full);
        var archive = DistributionArchive.Read(full);
        var sha256 = RegularFile.Sha256(full);
        var notes = new List<InputNote>();
        if (archive.Metadata.Name is not { Length: > 0 } name || archive.Metadata.Version is not { Length: > 0 } version)
        {
            throw new InputFormatException("the distribution's metadata has no Name or no Version");
        }

        var refs = new BomRefAllocator();
        var rootPurl = PypiPurl.Create(name, version, [new(PypiPurl.FileName, fileName)]);
        var root = MetadataComponent.Create(archive.Metadata, archive.LicenseTexts, refs.Allocate(rootPurl), rootPurl);
        var references = root.ExternalReferences.ToList();
        references.AddRange(archive.ShippedSboms.Select(s => new BomExternalReference("bom", Uri.EscapeDataString(s.Member).Replace("%2F", "/", StringComparison.Ordinal))
        {
            Hashes = [new BomHash("SHA-256", s.Sha256)],
            Comment = "PEP 770 SBOM shipped in the wheel's .dist-info/sboms/",
        }));
        root = root with
        {
            Hashes = [new BomHash("SHA-256", sha256)],
            FileName = fileName,
            ExternalReferences = references,
            ShippedSbomFiles = archive.ShippedSboms.Select(s => s.Member).ToList(),
            Properties = [new BomProperty("kingsnake:distribution-kind", archive.IsWheel ? "wheel" : "sdist")],
        };

        var components = new List<BomComponent>();
        foreach (var requirement in Requirements(archive, fileName, notes))
        {
            components.Add(requirement);
        }

        var graph = new BomGraph();
        foreach (var component in components)
        {
            graph.Add(component, component.Ref, []);
        }

        var document = new BomDocument
        {
            SerialNumber = options.Serial(),
            Timestamp = options.Time(),
            ToolName = options.ToolName,
            ToolVersion = options.ToolVersion,
            Root = root,
            Lifecycle = BomLifecycle.PostBuild,
            Components = components,
            Dependencies = graph.Dependencies(root.Ref, components),
            Completeness = BomCompleteness.Incomplete,
        };
        var shipped = archive.ShippedSboms.ToDictionary(s => s.Member, s => s.Bytes, StringComparer.Ordinal);
        document = ShippedSbomMerger.Merge(document, member => shipped[member], member => member, notes);
        return new BomBuildResult(document, [], notes);
    }

    /// <summary>
    /// One unresolved component per required name: the specifiers of its Requires-Dist lines (joined with <c>;</c> when
    /// several lines name it under different markers), required when any line applies without an extra, else optional
    /// with the extras that ask for it as a property.
    /// </summary>
    private static IEnumerable<BomComponent> Requirements(DistributionArchive archive, string fileName, List<InputNote> notes)
    {
        var byName = new Dictionary<string, (string Name, List<string> Specifiers, List<string> Markers, List<string> Extras, bool Required)>(StringComparer.Ordinal);
        var order = new List<string>();
        var extraNames = archive.Metadata.ProvidesExtra.ToList();
        foreach (var text in archive.Metadata.RequiresDist)
        {
            if (!Requirement.TryParse(text, out var requirement, out string error))
            {
                notes.Add(new InputNote(SourceSpan.WholeFile(fileName), $"unreadable Requires-Dist '{text}': {error}"));
                continue;
            }

            var marker = requirement.Marker?.ToString() ?? "";
            var extras = extraNames.Where(e => marker.Contains($"\"{e}\"", StringComparison.Ordinal) || marker.Contains($"'{e}'", StringComparison.Ordinal)).ToList();
            var isExtra = marker.Contains("extra", StringComparison.Ordinal) && extras.Count > 0;
            if (!byName.TryGetValue(requirement.NormalizedName, out var entry))
            {
                entry = (requirement.Name, [], [], [], false);
                order.Add(requirement.NormalizedName);
            }

            var specifier = requirement.Url ?? requirement.Specifier.ToString();
            if (specifier.Length > 0 && !entry.Specifiers.Contains(specifier))
            {
                entry.Specifiers.Add(specifier);
            }

            if (marker.Length > 0 && !entry.Markers.Contains(marker))
            {
                entry.Markers.Add(marker);
            }

            entry.Extras.AddRange(extras.Where(e => !entry.Extras.Contains(e)));
            entry.Required |= !isExtra;
            byName[requirement.NormalizedName] = entry;
        }

        foreach (var normalized in order)
        {
            var (name, specifiers, markers, extras, required) = byName[normalized];
            var purl = PypiPurl.Create(name, null);
            var properties = new List<BomProperty>();
            if (!required)
            {
                properties.Add(new BomProperty("kingsnake:extra", string.Join(',', extras)));
            }

            properties.AddRange(markers.Select(m => new BomProperty("kingsnake:marker", m)));
            yield return new BomComponent
            {
                Ref = purl,
                Name = name,
                VersionSpecifier = string.Join(';', specifiers),
                Purl = purl,
                Scope = required ? BomScope.Required : BomScope.Optional,
                Properties = properties,
            };
        }
    }
}
