using System.Security.Cryptography;
using System.Text.Json;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Project;
using Kingsnake.Project.Files;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// One installed distribution (<c>name-version.dist-info</c>) as a BOM component: its metadata
/// (<see cref="MetadataComponent"/>), license file texts (<c>licenses/**</c> and <c>LICENSE*</c>, <c>COPYING*</c>,
/// <c>NOTICE*</c> beside METADATA) for <see cref="BomLicenseResolver"/>, PEP 610 <c>direct_url.json</c> (purl
/// qualifiers), shipped PEP 770 SBOMs (<c>sboms/*</c>: a <c>bom</c> external reference each, with its SHA-256), and a
/// hash.
/// <para>
/// The hash: when <c>direct_url.json</c> records the archive's hashes (<c>archive_info.hashes</c>, or the older
/// <c>archive_info.hash</c>), those, since they are the installed file's. Otherwise nothing on disk is the
/// distribution file any more, so the component carries the SHA-256 of the distribution's <c>RECORD</c> file — the
/// manifest that lists every installed file with its own hash, so one digest pins the installed content — marked with
/// the property <c>kingsnake:hash-of = RECORD</c>. It is not the wheel's hash and must not be compared with one.
/// </para>
/// </summary>
public static class DistInfoComponentReader
{
    private const long MaxMetadataBytes = 4 * 1024 * 1024;
    private const long MaxRecordBytes = 64 * 1024 * 1024;
    private const long MaxLicenseBytes = 1024 * 1024;
    private const int MaxLicenseFiles = 64;
    private const long MaxSbomBytes = 64 * 1024 * 1024;

    /// <summary>Property name marking a hash that is of the <c>RECORD</c> manifest, not of a distribution file.</summary>
    public const string HashOfProperty = "kingsnake:hash-of";

    /// <summary>
    /// Reads <paramref name="distInfo"/>; null (with an error) when its METADATA is unreadable or has no name or
    /// version. <paramref name="displayPath"/> is the directory as reports show it (relative to what the user named).
    /// </summary>
    public static BomComponent? Read(string distInfo, string displayPath, BomRefAllocator refs, List<InputError> errors, List<InputNote> notes)
    {
        CoreMetadata metadata;
        try
        {
            metadata = CoreMetadata.Parse(BoundedFileReader.Read(Path.Combine(distInfo, "METADATA"), MaxMetadataBytes));
        }
        catch (InputFormatException ex)
        {
            errors.Add(new InputError(SourceSpan.WholeFile(displayPath + "/METADATA"), ex.Message));
            return null;
        }

        if (metadata.Name is not { Length: > 0 } name || metadata.Version is not { Length: > 0 } version)
        {
            errors.Add(new InputError(SourceSpan.WholeFile(displayPath + "/METADATA"), "metadata has no Name or no Version; distribution skipped"));
            return null;
        }

        var directUrl = ReadDirectUrl(distInfo, displayPath, notes);
        var purl = PypiPurl.Create(name, version, directUrl.Qualifiers);
        var component = MetadataComponent.Create(metadata, LicenseTexts(distInfo, displayPath, notes), refs.Allocate(purl), purl);

        var properties = new List<BomProperty>();
        IReadOnlyList<BomHash> hashes = directUrl.Hashes;
        if (hashes.Count == 0 && RecordSha256(distInfo, displayPath, notes) is { } recordHash)
        {
            hashes = [new BomHash("SHA-256", recordHash)];
            properties.Add(new BomProperty(HashOfProperty, "RECORD"));
        }

        if (directUrl.Editable)
        {
            properties.Add(new BomProperty("kingsnake:editable", "true"));
        }

        var references = component.ExternalReferences.ToList();
        references.AddRange(directUrl.References);
        var sbomFiles = new List<string>();
        foreach (var (fullPath, relative, sha256) in ShippedSboms(distInfo, displayPath, notes))
        {
            sbomFiles.Add(fullPath);
            references.Add(new BomExternalReference("bom", relative)
            {
                Hashes = [new BomHash("SHA-256", sha256)],
                Comment = "PEP 770 SBOM shipped in the distribution's .dist-info/sboms/",
            });
        }

        return component with
        {
            Hashes = hashes,
            FileName = directUrl.FileName,
            ExternalReferences = references,
            Properties = properties,
            ShippedSbomFiles = sbomFiles,
        };
    }

    /// <summary>The texts of the license files, in path order; unreadable or binary ones are skipped with a note.</summary>
    internal static IReadOnlyList<string> LicenseTexts(string distInfo, string displayPath, List<InputNote> notes)
    {
        var paths = new List<string>();
        var licenses = Path.Combine(distInfo, "licenses");
        if (Directory.Exists(licenses) && new DirectoryInfo(licenses).LinkTarget is null)
        {
            paths.AddRange(Directory.EnumerateFiles(licenses, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }));
        }

        paths.AddRange(Directory.EnumerateFiles(distInfo).Where(p => IsLicenseFileName(Path.GetFileName(p))));
        var texts = new List<string>();
        foreach (var path in paths.Order(StringComparer.Ordinal).Take(MaxLicenseFiles))
        {
            try
            {
                texts.Add(FileContent.Decode(BoundedFileReader.Read(path, MaxLicenseBytes)));
            }
            catch (InputFormatException ex)
            {
                notes.Add(new InputNote(SourceSpan.WholeFile(displayPath + "/" + Path.GetRelativePath(distInfo, path).Replace('\\', '/')), $"license file not read: {ex.Message}"));
            }
        }

        return texts;
    }

    /// <summary>LICENSE, LICENCE, COPYING, NOTICE, AUTHORS and their suffixed forms (<c>LICENSE.txt</c>, <c>LICENSE-MIT</c>).</summary>
    public static bool IsLicenseFileName(string fileName)
    {
        var upper = fileName.ToUpperInvariant();
        return upper.StartsWith("LICENSE", StringComparison.Ordinal) || upper.StartsWith("LICENCE", StringComparison.Ordinal)
            || upper.StartsWith("COPYING", StringComparison.Ordinal) || upper.StartsWith("NOTICE", StringComparison.Ordinal);
    }

    private static string? RecordSha256(string distInfo, string displayPath, List<InputNote> notes)
    {
        var record = Path.Combine(distInfo, "RECORD");
        if (!File.Exists(record))
        {
            notes.Add(new InputNote(SourceSpan.WholeFile(displayPath), "no RECORD file: the distribution has no hash"));
            return null;
        }

        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(BoundedFileReader.Read(record, MaxRecordBytes)));
        }
        catch (InputFormatException ex)
        {
            notes.Add(new InputNote(SourceSpan.WholeFile(displayPath + "/RECORD"), $"RECORD not hashed: {ex.Message}"));
            return null;
        }
    }

    private static List<(string FullPath, string Relative, string Sha256)> ShippedSboms(string distInfo, string displayPath, List<InputNote> notes)
    {
        var found = new List<(string, string, string)>();
        var sboms = Path.Combine(distInfo, "sboms");
        if (!Directory.Exists(sboms) || new DirectoryInfo(sboms).LinkTarget is not null)
        {
            return found;
        }

        var distInfoName = Path.GetFileName(distInfo.TrimEnd('/', '\\'));
        foreach (var path in Directory.EnumerateFiles(sboms, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
        {
            var relative = distInfoName + "/" + Path.GetRelativePath(distInfo, path).Replace('\\', '/');
            try
            {
                found.Add((path, Uri.EscapeDataString(relative).Replace("%2F", "/", StringComparison.Ordinal), Convert.ToHexStringLower(SHA256.HashData(BoundedFileReader.Read(path, MaxSbomBytes)))));
            }
            catch (InputFormatException ex)
            {
                notes.Add(new InputNote(SourceSpan.WholeFile(displayPath + "/" + Path.GetRelativePath(distInfo, path).Replace('\\', '/')), $"shipped SBOM not read: {ex.Message}"));
            }
        }

        return found;
    }

    /// <summary>What PEP 610 <c>direct_url.json</c> says: purl qualifiers, archive hashes, a file name, links.</summary>
    internal static DirectUrlFacts ReadDirectUrl(string distInfo, string displayPath, List<InputNote> notes)
    {
        var path = Path.Combine(distInfo, "direct_url.json");
        if (!File.Exists(path))
        {
            return DirectUrlFacts.None;
        }

        try
        {
            using var document = JsonDocument.Parse(BoundedFileReader.Read(path, 1024 * 1024), new JsonDocumentOptions { MaxDepth = 16 });
            return DirectUrlFacts.From(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InputFormatException)
        {
            notes.Add(new InputNote(SourceSpan.WholeFile(displayPath + "/direct_url.json"), $"direct_url.json unreadable: {ex.Message}"));
            return DirectUrlFacts.None;
        }
    }
}
