using System.Text.Json;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// The offline <see cref="IActionRepositoryData"/>: facts written to a JSON file beforehand (by a script with network
/// access, or by hand) and given with <c>--action-data FILE</c>. The format (comments and trailing commas allowed):
/// <code>
/// {
///   "format": "kingsnake-action-data/1",
///   "repositories": {
///     "actions/checkout": {
///       "tags":     { "v4.2.2": "11bd7190…", "v4": "11bd7190…" },   // git ls-remote --tags, annotated tags peeled (^{})
///       "branches": { "main": "85e6279c…" },                       // git ls-remote --heads
///       "reachable_commits": [ "…", "…" ],                         // optional: git rev-list --branches --tags, complete
///       "archived": false                                          // optional: the REST API's "archived" field
///     }
///   },
///   "advisories": [ … ]   // GitHub's global advisories, as GET /advisories?ecosystem=actions returns them
/// }
/// </code>
/// Only repositories listed are judged. Without <c>reachable_commits</c> a commit counts as reachable when a tag or branch
/// points at it and is otherwise unknown, so impostor-commit needs the list. An advisory is read from <c>ghsa_id</c>,
/// <c>severity</c>, <c>summary</c>, <c>cve_id</c>, <c>withdrawn_at</c> and <c>vulnerabilities[].package.{ecosystem,name}</c>,
/// <c>vulnerable_version_range</c>, <c>first_patched_version</c> (a string, or <c>{"identifier": …}</c>); entries of
/// other ecosystems, withdrawn advisories and ranges that do not parse are skipped.
/// </summary>
public sealed class ActionDataSnapshot : IActionRepositoryData
{
    /// <summary>The <c>format</c> value this reader understands.</summary>
    public const string FormatId = "kingsnake-action-data/1";

    private const long MaxBytes = 256L * 1024 * 1024;

    private readonly Dictionary<string, Repository> _repositories;
    private readonly Dictionary<string, List<ActionAdvisory>> _advisories;

    private ActionDataSnapshot(string source, Dictionary<string, Repository> repositories, Dictionary<string, List<ActionAdvisory>> advisories)
    {
        Source = source;
        _repositories = repositories;
        _advisories = advisories;
    }

    public string Source { get; }

    /// <summary>Number of repositories described.</summary>
    public int RepositoryCount => _repositories.Count;

    /// <summary>Number of advisories kept (after skipping other ecosystems and withdrawn ones).</summary>
    public int AdvisoryCount => _advisories.Values.Sum(list => list.Count);

    /// <summary>Reads the snapshot at <paramref name="path"/>; throws <see cref="InputFormatException"/> naming the line or the JSON path at fault.</summary>
    public static ActionDataSnapshot Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputFormatException("action data file does not exist");
        }

        if (info.Length > MaxBytes)
        {
            throw new InputFormatException($"action data file is {info.Length} bytes, over the {MaxBytes / (1024 * 1024)} MiB limit");
        }

        return Parse(Kingsnake.Project.Files.BoundedFileReader.Read(path, MaxBytes), $"snapshot {Path.GetFileName(path)}");
    }

    /// <summary>Parses snapshot JSON (UTF-8).</summary>
    public static ActionDataSnapshot Parse(ReadOnlyMemory<byte> json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new InputFormatException($"invalid JSON: {ex.Message}", (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputFormatException("action data must be a JSON object");
            }

            if (root.TryGetProperty("format", out var format) && format.GetString() is { } id && id != FormatId)
            {
                throw new InputFormatException($"unknown action data format '{id}' (expected '{FormatId}')");
            }

            var repositories = new Dictionary<string, Repository>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("repositories", out var repos))
            {
                foreach (var repo in Members(repos, "repositories"))
                {
                    repositories[ActionPins.RepositoryOf(repo.Name)] = ReadRepository(repo.Value, $"repositories[\"{repo.Name}\"]");
                }
            }

            var advisories = new Dictionary<string, List<ActionAdvisory>>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("advisories", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new InputFormatException("'advisories' must be an array");
                }

                var index = 0;
                foreach (var advisory in list.EnumerateArray())
                {
                    foreach (var parsed in ReadAdvisory(advisory, $"advisories[{index++}]"))
                    {
                        var repository = ActionPins.RepositoryOf(parsed.Package);
                        if (!advisories.TryGetValue(repository, out var forRepo))
                        {
                            advisories[repository] = forRepo = [];
                        }

                        forRepo.Add(parsed);
                    }
                }
            }

            return new ActionDataSnapshot(source, repositories, advisories);
        }
    }

    public ActionRepositoryRefs? Refs(string repository) =>
        _repositories.TryGetValue(ActionPins.RepositoryOf(repository), out var repo) ? repo.Refs : null;

    public bool? IsReachable(string repository, string commit)
    {
        if (!_repositories.TryGetValue(ActionPins.RepositoryOf(repository), out var repo))
        {
            return null;
        }

        if (repo.Refs.IsHead(commit) || repo.Reachable?.Contains(commit) == true)
        {
            return true;
        }

        return repo.Reachable is null ? null : false;
    }

    public bool? IsArchived(string repository) =>
        _repositories.TryGetValue(ActionPins.RepositoryOf(repository), out var repo) ? repo.Archived : null;

    public IReadOnlyList<ActionAdvisory> Advisories(string repository) =>
        _advisories.TryGetValue(ActionPins.RepositoryOf(repository), out var list) ? list : [];

    private static Repository ReadRepository(JsonElement repo, string where)
    {
        if (repo.ValueKind != JsonValueKind.Object)
        {
            throw new InputFormatException($"{where} must be an object");
        }

        var tags = ReadRefs(repo, "tags", where);
        var branches = ReadRefs(repo, "branches", where);
        HashSet<string>? reachable = null;
        if (repo.TryGetProperty("reachable_commits", out var commits))
        {
            if (commits.ValueKind != JsonValueKind.Array)
            {
                throw new InputFormatException($"{where}.reachable_commits must be an array of commit SHAs");
            }

            reachable = new HashSet<string>(commits.GetArrayLength(), StringComparer.OrdinalIgnoreCase);
            foreach (var commit in commits.EnumerateArray())
            {
                reachable.Add(Commit(commit, $"{where}.reachable_commits"));
            }
        }

        bool? archived = null;
        if (repo.TryGetProperty("archived", out var flag))
        {
            archived = flag.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InputFormatException($"{where}.archived must be true or false"),
            };
        }

        return new Repository(new ActionRepositoryRefs(tags, branches), reachable, archived);
    }

    private static Dictionary<string, string> ReadRefs(JsonElement repo, string name, string where)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (repo.TryGetProperty(name, out var map))
        {
            foreach (var (refName, value) in Members(map, $"{where}.{name}"))
            {
                var key = refName.StartsWith("refs/tags/", StringComparison.Ordinal) ? refName["refs/tags/".Length..]
                    : refName.StartsWith("refs/heads/", StringComparison.Ordinal) ? refName["refs/heads/".Length..] : refName;
                refs[key] = Commit(value, $"{where}.{name}[\"{refName}\"]");
            }
        }

        return refs;
    }

    private static IEnumerable<ActionAdvisory> ReadAdvisory(JsonElement advisory, string where)
    {
        if (advisory.ValueKind != JsonValueKind.Object)
        {
            throw new InputFormatException($"{where} must be an object");
        }

        if (advisory.TryGetProperty("withdrawn_at", out var withdrawn) && withdrawn.ValueKind == JsonValueKind.String)
        {
            yield break;
        }

        var id = String(advisory, "ghsa_id") ?? throw new InputFormatException($"{where} has no ghsa_id");
        var severity = (String(advisory, "severity") ?? "").ToLowerInvariant() switch
        {
            "critical" => Severity.Critical,
            "high" => Severity.High,
            "medium" or "moderate" => Severity.Medium,
            "low" => Severity.Low,
            _ => Severity.Medium,
        };
        var summary = String(advisory, "summary") ?? "";
        List<string> aliases = String(advisory, "cve_id") is { } cve ? [cve] : [];
        if (!advisory.TryGetProperty("vulnerabilities", out var vulnerabilities) || vulnerabilities.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var vulnerability in vulnerabilities.EnumerateArray())
        {
            if (vulnerability.ValueKind != JsonValueKind.Object || !vulnerability.TryGetProperty("package", out var package) || package.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (!string.Equals(String(package, "ecosystem"), "actions", StringComparison.OrdinalIgnoreCase) || String(package, "name") is not { } name || !name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            if (String(vulnerability, "vulnerable_version_range") is not { } rangeText || ActionVersionRange.Parse(rangeText) is not { } range)
            {
                continue;
            }

            var patched = vulnerability.TryGetProperty("first_patched_version", out var first) ? first.ValueKind switch
            {
                JsonValueKind.String => first.GetString(),
                JsonValueKind.Object => String(first, "identifier"),
                _ => null,
            } : null;
            yield return new ActionAdvisory(id, name.ToLowerInvariant(), severity, summary, range, patched, aliases);
        }
    }

    private static IEnumerable<(string Name, JsonElement Value)> Members(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputFormatException($"'{where}' must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            yield return (property.Name, property.Value);
        }
    }

    private static string Commit(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String && UsesReference.ClassifyRef(value.GetString()) == UsesRefKind.CommitSha
            ? value.GetString()!.ToLowerInvariant()
            : throw new InputFormatException($"{where} must be a full commit SHA (40 or 64 hex digits)");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Repository(ActionRepositoryRefs Refs, HashSet<string>? Reachable, bool? Archived);
}
