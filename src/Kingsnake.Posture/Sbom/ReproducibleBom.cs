using System.Security.Cryptography;
using Kingsnake.Project.Git;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What makes a BOM reproducible (<c>--reproducible</c>): the timestamp is the committer date of the HEAD commit of
/// the git work tree holding the input (our own git reader), else the Unix epoch; the serial number is derived from
/// the content — the document is written once with the nil serial, and the first 16 bytes of that output's SHA-256
/// become the UUID (version bits 8, "custom", and the RFC 4122 variant). Same input, same tool version: same bytes.
/// </summary>
public static class ReproducibleBom
{
    /// <summary>The HEAD commit's committer date of the work tree around <paramref name="path"/>, else the epoch.</summary>
    public static DateTimeOffset Timestamp(string path)
    {
        try
        {
            var start = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (GitRepository.FindWorkTree(start) is { } workTree && GitRepository.Open(workTree) is { } repository
                && repository.History(1) is [var head, ..])
            {
                return head.Committer.When.ToUniversalTime();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Core.Findings.InputFormatException)
        {
            // a damaged repository dates nothing: fall back to the epoch
        }

        return DateTimeOffset.UnixEpoch;
    }

    /// <summary>The document with its serial number derived from <paramref name="write"/>'s output for the nil serial.</summary>
    public static BomDocument WithContentSerial(BomDocument document, Action<BomDocument, Stream> write)
    {
        using var stream = new MemoryStream();
        write(document with { SerialNumber = Guid.Empty }, stream);
        var bytes = SHA256.HashData(stream.ToArray())[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return document with { SerialNumber = new Guid(bytes, bigEndian: true) };
    }
}
