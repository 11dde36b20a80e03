using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Archives;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Project;
using Kingsnake.Project.Files;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What a BOM needs from a distribution file, read through the safe archive readers: the core metadata (a wheel's
/// <c>*.dist-info/METADATA</c>; an sdist's top-level <c>*/PKG-INFO</c>, tar.gz or zip), the texts of its license
/// files, and its shipped PEP 770 SBOMs (wheel <c>*.dist-info/sboms/*</c>: member name, SHA-256 and bytes, which the merge reads).
/// </summary>
internal sealed partial record DistributionArchive(
    CoreMetadata Metadata, bool IsWheel, IReadOnlyList<string> LicenseTexts, IReadOnlyList<(string Member, string Sha256, byte[] Bytes)> ShippedSboms)
{
    private const int MaxLicenseFiles = 64;

    /// <summary>Reads the archive; <see cref="InputFormatException"/> when it is not one, is over a limit or holds no metadata.</summary>
    public static DistributionArchive Read(string path)
    {
        try
        {
            using var stream = RegularFile.Open(path);
            return path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? ReadTar(stream) : ReadZip(stream);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InputFormatException($"not a readable archive: {ex.Message}", ex);
        }
    }

    private static DistributionArchive ReadZip(Stream stream)
    {
        using var zip = SafeZipReader.Open(stream, leaveOpen: true);
        var metadataMember = zip.Files.FirstOrDefault(m => WheelMetadata().IsMatch(m.Name));
        var isWheel = metadataMember is not null;
        metadataMember ??= zip.Files.FirstOrDefault(m => SdistMetadata().IsMatch(m.Name))
            ?? throw new InputFormatException("neither a wheel (no *.dist-info/METADATA) nor an sdist (no */PKG-INFO)");
        var metadata = CoreMetadata.Parse(zip.Read(metadataMember));
        var directory = metadataMember.Name[..metadataMember.Name.IndexOf('/', StringComparison.Ordinal)];
        var licenses = zip.Select(m => IsLicenseMember(m.Name, directory, isWheel)).Take(MaxLicenseFiles)
            .Select(m => FileContent.Decode(zip.Read(m))).ToList();
        var sboms = isWheel
            ? zip.Select(m => m.Name.StartsWith(directory + "/sboms/", StringComparison.Ordinal) && !m.Name.EndsWith('/'))
                .Select(m => zip.Read(m) is var bytes ? (m.Name, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes) : default).ToList()
            : [];
        return new DistributionArchive(metadata, isWheel, licenses, sboms);
    }

    private static DistributionArchive ReadTar(Stream stream)
    {
        using var tar = SafeTarReader.Open(stream, leaveOpen: true);
        CoreMetadata? metadata = null;
        var licenses = new List<(string Name, string Text)>();
        while (tar.Next() is { } member)
        {
            if (member.Kind != TarMemberKind.RegularFile)
            {
                continue;
            }

            if (metadata is null && SdistMetadata().IsMatch(member.Name))
            {
                metadata = CoreMetadata.Parse(tar.Read(member));
            }
            else if (licenses.Count < MaxLicenseFiles && IsLicenseMember(member.Name, member.Name.Split('/')[0], isWheel: false))
            {
                licenses.Add((member.Name, FileContent.Decode(tar.Read(member))));
            }
        }

        if (metadata is null)
        {
            throw new InputFormatException("no */PKG-INFO: not an sdist");
        }

        return new DistributionArchive(metadata, false, licenses.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Text).ToList(), []);
    }

    /// <summary>License files: a wheel's <c>.dist-info/licenses/**</c> and <c>.dist-info/LICENSE*</c>; an sdist's top-level <c>LICENSE*</c>.</summary>
    private static bool IsLicenseMember(string name, string directory, bool isWheel)
    {
        if (!name.StartsWith(directory + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[(directory.Length + 1)..];
        return (isWheel && rest.StartsWith("licenses/", StringComparison.Ordinal) && rest.Length > "licenses/".Length)
            || (!rest.Contains('/', StringComparison.Ordinal) && DistInfoComponentReader.IsLicenseFileName(rest));
    }

    [GeneratedRegex(@"^[^/]+\.dist-info/METADATA$")]
    private static partial Regex WheelMetadata();

    [GeneratedRegex(@"^[^/]+/PKG-INFO$")]
    private static partial Regex SdistMetadata();
}
