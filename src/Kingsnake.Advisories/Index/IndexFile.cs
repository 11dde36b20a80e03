using System.Security.Cryptography;
using System.Text;
using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Model;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Index;

/// <summary>
/// The compiled index file. Layout (little endian):
/// <code>
/// header  : magic "KSADVIDX" (8) | format version int32 | payload length int64 | SHA-256 of payload (32)
/// payload : meta (source, content hash, counts, errors, package directory, record offsets) | body
/// body    : per package, its merged groups (primary id, ids, record numbers) | records
/// </code>
/// Opening reads the file, checks the checksum (a corrupt or truncated file is never trusted) and decodes only
/// the meta section; a package's groups and records are decoded the first time the package is asked for.
/// </summary>
internal static class IndexFile
{
    public const int FormatVersion = 1;
    public const int HeaderLength = 8 + 4 + 8 + 32;
    private static readonly byte[] Magic = "KSADVIDX"u8.ToArray();

    public sealed record Meta(
        string Source,
        string ContentHash,
        DateTimeOffset CompiledAt,
        int RecordFileCount,
        int RecordCount,
        int WithdrawnCount,
        int NotPyPICount,
        int VulnerabilityCount,
        string? NewestModified,
        IReadOnlyList<InputError> Errors);

    public sealed record PackageGroups(string Name, IReadOnlyList<AliasGrouper.Group> Groups);

    /// <summary>Serializes a compiled database to the file bytes (header included).</summary>
    public static byte[] Write(Meta meta, IReadOnlyList<Advisory> records, IReadOnlyList<PackageGroups> packages)
    {
        using var body = new MemoryStream();
        using var bodyWriter = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
        var packageOffsets = new (int Offset, int Length)[packages.Count];
        for (var p = 0; p < packages.Count; p++)
        {
            var start = (int)body.Position;
            bodyWriter.Write7BitEncodedInt(packages[p].Groups.Count);
            foreach (var group in packages[p].Groups)
            {
                bodyWriter.Write(group.PrimaryId);
                WriteStrings(bodyWriter, group.Ids);
                bodyWriter.Write7BitEncodedInt(group.Records.Count);
                foreach (var record in group.Records)
                {
                    bodyWriter.Write7BitEncodedInt(record);
                }
            }

            packageOffsets[p] = (start, (int)body.Position - start);
        }

        var recordOffsets = new int[records.Count];
        for (var r = 0; r < records.Count; r++)
        {
            recordOffsets[r] = (int)body.Position;
            WriteRecord(bodyWriter, records[r]);
        }

        bodyWriter.Flush();

        using var payload = new MemoryStream((int)body.Length + 65536);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(meta.Source);
            writer.Write(meta.ContentHash);
            writer.Write(meta.CompiledAt.UtcTicks);
            writer.Write(meta.RecordFileCount);
            writer.Write(meta.RecordCount);
            writer.Write(meta.WithdrawnCount);
            writer.Write(meta.NotPyPICount);
            writer.Write(meta.VulnerabilityCount);
            WriteOptional(writer, meta.NewestModified);
            writer.Write7BitEncodedInt(meta.Errors.Count);
            foreach (var error in meta.Errors)
            {
                writer.Write(error.Location.Path);
                writer.Write(error.Location.StartLine);
                writer.Write(error.Location.StartColumn);
                writer.Write(error.Message);
            }

            writer.Write7BitEncodedInt(packages.Count);
            for (var p = 0; p < packages.Count; p++)
            {
                writer.Write(packages[p].Name);
                writer.Write(packageOffsets[p].Offset);
                writer.Write(packageOffsets[p].Length);
            }

            writer.Write7BitEncodedInt(records.Count);
            foreach (var offset in recordOffsets)
            {
                writer.Write(offset);
            }

            writer.Write(body.Length);
            writer.Flush();
            body.Position = 0;
            body.CopyTo(payload);
        }

        var payloadBytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var file = new byte[HeaderLength + payloadBytes.Length];
        Magic.CopyTo(file, 0);
        BitConverter.TryWriteBytes(file.AsSpan(8), FormatVersion);
        BitConverter.TryWriteBytes(file.AsSpan(12), (long)payloadBytes.Length);
        SHA256.HashData(payloadBytes, file.AsSpan(20, 32));
        payloadBytes.CopyTo(file.AsSpan(HeaderLength));
        return file;
    }

    /// <summary>Validates and opens index bytes; throws <see cref="InputFormatException"/> when they cannot be trusted.</summary>
    public static IndexReader Read(byte[] file)
    {
        if (file.Length < HeaderLength || !file.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InputFormatException("not a Kingsnake advisory index (bad header)");
        }

        var version = BitConverter.ToInt32(file, 8);
        if (version != FormatVersion)
        {
            throw new InputFormatException($"index format {version} is not the supported format {FormatVersion}");
        }

        var payloadLength = BitConverter.ToInt64(file, 12);
        if (payloadLength != file.Length - HeaderLength)
        {
            throw new InputFormatException("index file is truncated or has trailing bytes");
        }

        Span<byte> checksum = stackalloc byte[32];
        SHA256.HashData(file.AsSpan(HeaderLength), checksum);
        if (!checksum.SequenceEqual(file.AsSpan(20, 32)))
        {
            throw new InputFormatException("index checksum mismatch (corrupt file)");
        }

        try
        {
            return new IndexReader(file);
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or ArgumentException or FormatException or OverflowException)
        {
            throw new InputFormatException($"index file is malformed: {exception.Message}");
        }
    }

    internal static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    internal static string[] ReadStrings(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0)
        {
            throw new FormatException("negative count");
        }

        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    internal static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    internal static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteRecord(BinaryWriter writer, Advisory advisory)
    {
        writer.Write(advisory.Id);
        writer.Write(advisory.Modified);
        WriteOptional(writer, advisory.Summary);
        WriteOptional(writer, advisory.Details);
        WriteOptional(writer, advisory.Published);
        WriteOptional(writer, advisory.Withdrawn);
        WriteOptional(writer, advisory.DatabaseSeverity);
        WriteOptional(writer, advisory.SourcePath);
        WriteStrings(writer, advisory.Aliases);
        WriteStrings(writer, advisory.Related);
        WriteSeverity(writer, advisory.SeverityScores);
        writer.Write7BitEncodedInt(advisory.References.Count);
        foreach (var reference in advisory.References)
        {
            writer.Write(reference.Type);
            writer.Write(reference.Url);
        }

        writer.Write7BitEncodedInt(advisory.Affected.Count);
        foreach (var entry in advisory.Affected)
        {
            writer.Write(entry.Name);
            writer.Write(entry.RawName);
            WriteOptional(writer, entry.Purl);
            WriteOptional(writer, entry.DatabaseSeverity);
            WriteSeverity(writer, entry.SeverityScores);
            WriteStrings(writer, entry.Versions);
            writer.Write7BitEncodedInt(entry.Ranges.Count);
            foreach (var range in entry.Ranges)
            {
                writer.Write(range.TypeName);
                WriteOptional(writer, range.Repo);
                writer.Write7BitEncodedInt(range.Events.Count);
                foreach (var rangeEvent in range.Events)
                {
                    writer.Write((byte)rangeEvent.Kind);
                    writer.Write(rangeEvent.Version);
                }
            }
        }
    }

    internal static Advisory ReadRecord(BinaryReader reader)
    {
        var id = reader.ReadString();
        var modified = reader.ReadString();
        var summary = ReadOptional(reader);
        var details = ReadOptional(reader);
        var published = ReadOptional(reader);
        var withdrawn = ReadOptional(reader);
        var databaseSeverity = ReadOptional(reader);
        var sourcePath = ReadOptional(reader);
        var aliases = ReadStrings(reader);
        var related = ReadStrings(reader);
        var severity = ReadSeverity(reader);
        var references = new AdvisoryReference[Count(reader)];
        for (var i = 0; i < references.Length; i++)
        {
            references[i] = new AdvisoryReference(reader.ReadString(), reader.ReadString());
        }

        var affected = new AffectedPackage[Count(reader)];
        for (var i = 0; i < affected.Length; i++)
        {
            var name = reader.ReadString();
            var rawName = reader.ReadString();
            var purl = ReadOptional(reader);
            var entrySeverityLabel = ReadOptional(reader);
            var entrySeverity = ReadSeverity(reader);
            var versions = ReadStrings(reader);
            var ranges = new AffectedRange[Count(reader)];
            for (var r = 0; r < ranges.Length; r++)
            {
                var type = reader.ReadString();
                var repo = ReadOptional(reader);
                var events = new RangeEvent[Count(reader)];
                for (var e = 0; e < events.Length; e++)
                {
                    var kind = reader.ReadByte();
                    if (kind > (byte)RangeEventKind.Limit)
                    {
                        throw new FormatException("unknown event kind");
                    }

                    events[e] = new RangeEvent((RangeEventKind)kind, reader.ReadString());
                }

                ranges[r] = new AffectedRange(type, events, repo);
            }

            affected[i] = new AffectedPackage(name, ranges, versions, entrySeverity, entrySeverityLabel, rawName, purl);
        }

        return new Advisory(id, modified, affected, aliases, related, summary, details, published, withdrawn, severity, databaseSeverity, references, sourcePath);
    }

    private static void WriteSeverity(BinaryWriter writer, IReadOnlyList<SeverityScore> scores)
    {
        writer.Write7BitEncodedInt(scores.Count);
        foreach (var score in scores)
        {
            writer.Write(score.Type);
            writer.Write(score.Score);
        }
    }

    private static SeverityScore[] ReadSeverity(BinaryReader reader)
    {
        var scores = new SeverityScore[Count(reader)];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new SeverityScore(reader.ReadString(), reader.ReadString());
        }

        return scores;
    }

    internal static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count is >= 0 and <= 10_000_000 ? count : throw new FormatException("implausible element count");
    }
}

/// <summary>An opened, checksum-verified index: meta decoded, packages and records decoded on demand.</summary>
internal sealed class IndexReader
{
    private readonly byte[] _file;
    private readonly int _bodyStart;
    private readonly int _bodyLength;
    private readonly Dictionary<string, (int Offset, int Length)> _packages;
    private readonly int[] _recordOffsets;
    private readonly Advisory?[] _records;

    public IndexReader(byte[] file)
    {
        _file = file;
        using var stream = new MemoryStream(file, IndexFile.HeaderLength, file.Length - IndexFile.HeaderLength, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var source = reader.ReadString();
        var contentHash = reader.ReadString();
        var compiledAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var recordFileCount = reader.ReadInt32();
        var recordCount = reader.ReadInt32();
        var withdrawnCount = reader.ReadInt32();
        var notPyPICount = reader.ReadInt32();
        var vulnerabilityCount = reader.ReadInt32();
        var newestModified = IndexFile.ReadOptional(reader);
        var errors = new InputError[IndexFile.Count(reader)];
        for (var i = 0; i < errors.Length; i++)
        {
            var path = reader.ReadString();
            var line = reader.ReadInt32();
            var column = reader.ReadInt32();
            errors[i] = new InputError(new SourceSpan(path, line, column), reader.ReadString());
        }

        var packageCount = IndexFile.Count(reader);
        _packages = new Dictionary<string, (int, int)>(packageCount, StringComparer.Ordinal);
        for (var i = 0; i < packageCount; i++)
        {
            var name = reader.ReadString();
            _packages[name] = (reader.ReadInt32(), reader.ReadInt32());
        }

        _recordOffsets = new int[IndexFile.Count(reader)];
        for (var i = 0; i < _recordOffsets.Length; i++)
        {
            _recordOffsets[i] = reader.ReadInt32();
        }

        var bodyLength = reader.ReadInt64();
        _bodyStart = IndexFile.HeaderLength + (int)stream.Position;
        if (bodyLength != file.Length - _bodyStart)
        {
            throw new FormatException("body length does not match the file");
        }

        _bodyLength = (int)bodyLength;
        foreach (var (offset, length) in _packages.Values)
        {
            if (offset < 0 || length < 0 || (long)offset + length > _bodyLength)
            {
                throw new FormatException("package block outside the file");
            }
        }

        foreach (var offset in _recordOffsets)
        {
            if (offset < 0 || offset >= _bodyLength)
            {
                throw new FormatException("record outside the file");
            }
        }

        _records = new Advisory?[_recordOffsets.Length];
        Meta = new IndexFile.Meta(source, contentHash, compiledAt, recordFileCount, recordCount, withdrawnCount, notPyPICount, vulnerabilityCount, newestModified, errors);
    }

    public IndexFile.Meta Meta { get; }

    public IReadOnlyCollection<string> PackageNames => _packages.Keys;

    public int PackageCount => _packages.Count;

    /// <summary>The merged groups of a package (normalized name), or null when the index has none.</summary>
    public List<(string PrimaryId, string[] Ids, Advisory[] Records)>? ReadPackage(string name)
    {
        if (!_packages.TryGetValue(name, out var block))
        {
            return null;
        }

        using var stream = new MemoryStream(_file, _bodyStart + block.Offset, block.Length, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var count = IndexFile.Count(reader);
        var groups = new List<(string, string[], Advisory[])>(count);
        for (var g = 0; g < count; g++)
        {
            var primary = reader.ReadString();
            var ids = IndexFile.ReadStrings(reader);
            var records = new Advisory[IndexFile.Count(reader)];
            for (var r = 0; r < records.Length; r++)
            {
                var index = reader.Read7BitEncodedInt();
                if (index < 0 || index >= _records.Length)
                {
                    throw new FormatException("record number outside the index");
                }

                records[r] = Record(index);
            }

            groups.Add((primary, ids, records));
        }

        return groups;
    }

    public Advisory Record(int index)
    {
        var cached = Volatile.Read(ref _records[index]);
        if (cached is not null)
        {
            return cached;
        }

        var offset = _recordOffsets[index];
        using var stream = new MemoryStream(_file, _bodyStart + offset, _bodyLength - offset, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var advisory = IndexFile.ReadRecord(reader);
        return Interlocked.CompareExchange(ref _records[index], advisory, null) ?? advisory;
    }
}
