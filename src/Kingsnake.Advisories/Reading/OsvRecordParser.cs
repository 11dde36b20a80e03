using System.Text;
using Kingsnake.Advisories.Model;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Reading;

/// <summary>
/// Turns one OSV document (JSON or YAML) into an <see cref="Advisory"/>. Only <c>affected</c> entries whose
/// package ecosystem is "PyPI" are kept. Structural faults throw <see cref="InputFormatException"/> with the
/// line and column of the offending node; unknown fields are ignored, as the schema allows.
/// </summary>
public static class OsvRecordParser
{
    public const string PyPIEcosystem = "PyPI";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses an OSV JSON record.</summary>
    public static Advisory ParseJson(ReadOnlyMemory<byte> utf8, string? sourcePath = null) =>
        FromTree(JsonTreeReader.Read(SkipBom(utf8)), sourcePath);

    /// <summary>Parses an OSV YAML record (YAML 1.1/1.2; all scalars kept as strings).</summary>
    public static Advisory ParseYaml(ReadOnlyMemory<byte> utf8, string? sourcePath = null)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(SkipBom(utf8).Span);
        }
        catch (DecoderFallbackException exception)
        {
            var (line, column) = LocateByte(utf8.Span, exception.Index);
            throw new InputFormatException("invalid UTF-8", line, column, exception);
        }

        return FromTree(YamlTreeReader.Read(text), sourcePath);
    }

    /// <summary>Parses a YAML record given as text.</summary>
    public static Advisory ParseYaml(string text, string? sourcePath = null) => FromTree(YamlTreeReader.Read(text), sourcePath);

    private static ReadOnlyMemory<byte> SkipBom(ReadOnlyMemory<byte> utf8) =>
        utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;

    private static (int Line, int Column) LocateByte(ReadOnlySpan<byte> utf8, int index)
    {
        index = Math.Clamp(index, 0, utf8.Length);
        var before = utf8[..index];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, index - lineStart + 1);
    }

    internal static Advisory FromTree(OsvNode root, string? sourcePath)
    {
        var record = root as MappingNode ?? throw Fault(root, $"an OSV record must be a mapping, found {root.Kind}");
        var id = RequiredString(record, "id");
        var modified = RequiredString(record, "modified");
        var affected = new List<AffectedPackage>();
        if (OptionalList(record, "affected") is { } affectedList)
        {
            foreach (var item in affectedList.Items)
            {
                if (ReadAffected(item) is { } entry)
                {
                    affected.Add(entry);
                }
            }
        }

        var severity = ReadSeverity(record);
        var references = new List<AdvisoryReference>();
        if (OptionalList(record, "references") is { } referenceList)
        {
            foreach (var item in referenceList.Items)
            {
                var reference = item as MappingNode ?? throw Fault(item, $"a reference must be a mapping, found {item.Kind}");
                references.Add(new AdvisoryReference(OptionalString(reference, "type") ?? string.Empty, RequiredString(reference, "url")));
            }
        }

        return new Advisory(
            id,
            modified,
            affected,
            aliases: StringList(record, "aliases"),
            related: StringList(record, "related"),
            summary: OptionalString(record, "summary"),
            details: OptionalString(record, "details"),
            published: OptionalString(record, "published"),
            withdrawn: OptionalString(record, "withdrawn"),
            severity: severity,
            databaseSeverity: DatabaseSeverity(record),
            references: references,
            sourcePath: sourcePath);
    }

    private static AffectedPackage? ReadAffected(OsvNode node)
    {
        var entry = node as MappingNode ?? throw Fault(node, $"an affected entry must be a mapping, found {node.Kind}");
        var packageNode = entry.Get("package");
        if (packageNode is null || packageNode is ScalarNode { IsNull: true })
        {
            return null; // a GIT-only entry with no package: nothing to match for PyPI
        }

        var package = packageNode as MappingNode ?? throw Fault(packageNode, $"'package' must be a mapping, found {packageNode.Kind}");
        var ecosystem = OptionalString(package, "ecosystem");
        if (!string.Equals(ecosystem, PyPIEcosystem, StringComparison.Ordinal))
        {
            return null;
        }

        var name = RequiredString(package, "name");
        var ranges = new List<AffectedRange>();
        if (OptionalList(entry, "ranges") is { } rangeList)
        {
            foreach (var item in rangeList.Items)
            {
                ranges.Add(ReadRange(item));
            }
        }

        return new AffectedPackage(
            name,
            ranges,
            StringList(entry, "versions"),
            ReadSeverity(entry),
            DatabaseSeverity(entry),
            rawName: name,
            purl: OptionalString(package, "purl"));
    }

    private static AffectedRange ReadRange(OsvNode node)
    {
        var range = node as MappingNode ?? throw Fault(node, $"a range must be a mapping, found {node.Kind}");
        var type = RequiredString(range, "type");
        var events = new List<RangeEvent>();
        var eventList = OptionalList(range, "events") ?? throw Fault(range, "a range needs 'events'");
        foreach (var item in eventList.Items)
        {
            var rangeEvent = item as MappingNode ?? throw Fault(item, $"an event must be a mapping, found {item.Kind}");
            RangeEvent? parsed = null;
            foreach (var (key, value) in rangeEvent.Entries)
            {
                RangeEventKind? kind = key switch
                {
                    "introduced" => RangeEventKind.Introduced,
                    "fixed" => RangeEventKind.Fixed,
                    "last_affected" => RangeEventKind.LastAffected,
                    "limit" => RangeEventKind.Limit,
                    _ => null,
                };
                if (kind is null)
                {
                    continue;
                }

                if (parsed is not null)
                {
                    throw Fault(item, "an event must have exactly one of introduced, fixed, last_affected, limit");
                }

                parsed = new RangeEvent(kind.Value, ScalarText(value, key));
            }

            events.Add(parsed ?? throw Fault(item, "an event must have one of introduced, fixed, last_affected, limit"));
        }

        return new AffectedRange(type, events, OptionalString(range, "repo"));
    }

    private static List<SeverityScore> ReadSeverity(MappingNode owner)
    {
        var result = new List<SeverityScore>();
        if (OptionalList(owner, "severity") is { } list)
        {
            foreach (var item in list.Items)
            {
                var entry = item as MappingNode ?? throw Fault(item, $"a severity entry must be a mapping, found {item.Kind}");
                result.Add(new SeverityScore(RequiredString(entry, "type"), RequiredString(entry, "score")));
            }
        }

        return result;
    }

    // database_specific is opaque; only a string "severity" inside it is used (GHSA's label).
    private static string? DatabaseSeverity(MappingNode owner) =>
        owner.Get("database_specific") is MappingNode databaseSpecific && databaseSpecific.Get("severity") is ScalarNode { IsNull: false } severity
            ? severity.Value
            : null;

    private static string RequiredString(MappingNode owner, string key)
    {
        var node = owner.Get(key) ?? throw Fault(owner, $"missing required field '{key}'");
        if (node is not ScalarNode scalar || scalar.IsNull || scalar.Value.Length == 0)
        {
            throw Fault(node, $"'{key}' must be a non-empty string, found {node.Kind}");
        }

        return scalar.Value;
    }

    private static string? OptionalString(MappingNode owner, string key)
    {
        var node = owner.Get(key);
        return node switch
        {
            null => null,
            ScalarNode { IsNull: true } => null,
            ScalarNode scalar => scalar.Value,
            _ => throw Fault(node, $"'{key}' must be a string, found {node.Kind}"),
        };
    }

    private static SequenceNode? OptionalList(MappingNode owner, string key)
    {
        var node = owner.Get(key);
        return node switch
        {
            null => null,
            ScalarNode { IsNull: true } => null,
            SequenceNode sequence => sequence,
            _ => throw Fault(node, $"'{key}' must be a list, found {node.Kind}"),
        };
    }

    private static string[] StringList(MappingNode owner, string key)
    {
        if (OptionalList(owner, key) is not { } list)
        {
            return [];
        }

        var result = new string[list.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ScalarText(list.Items[i], key);
        }

        return result;
    }

    private static string ScalarText(OsvNode node, string key) =>
        node is ScalarNode { IsNull: false } scalar ? scalar.Value : throw Fault(node, $"'{key}' items must be strings, found {node.Kind}");

    private static InputFormatException Fault(OsvNode at, string message) => new(message, at.Line, at.Column);
}
