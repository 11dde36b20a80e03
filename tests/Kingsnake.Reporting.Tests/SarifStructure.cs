using System.Globalization;
using System.Text.Json.Nodes;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// The structural requirements of SARIF 2.1.0 that GitHub code scanning documents and enforces on upload (the
/// OASIS schema is not on this machine and nothing may be downloaded): required properties and their types,
/// level values, 1-based regions, relative URIs under a base id, ruleIndex pointing at the rule named by ruleId,
/// security-severity a number from 0 to 10, fixes with replacements; GitHub's upload limits (25,000 results per run,
/// 1,000 locations per result, 20 runs); and Kingsnake's own rules: every artifact URI, wherever it appears, is relative
/// to a base id that the run declares with an absolute file URI (none is left absolute, so no log names the machine it
/// was made on), and executionSuccessful is false only with an error notification to say why. Returns every violation found.
/// </summary>
internal static class SarifStructure
{
    private static readonly HashSet<string> Levels = ["none", "note", "warning", "error"];

    public static List<string> Check(JsonNode? root)
    {
        var problems = new List<string>();
        if (root is not JsonObject log)
        {
            return ["the log is not a JSON object"];
        }

        RequireString(log, "$schema", "$", problems);
        if (Text(log["version"]) != "2.1.0")
        {
            problems.Add("$.version must be \"2.1.0\"");
        }

        if (log["runs"] is not JsonArray runs || runs.Count == 0)
        {
            problems.Add("$.runs must be a non-empty array");
            return problems;
        }

        if (runs.Count > 20)
        {
            problems.Add("$.runs has more than GitHub's 20 runs");
        }

        for (var r = 0; r < runs.Count; r++)
        {
            CheckRun(runs[r] as JsonObject, $"$.runs[{r}]", problems);
        }

        return problems;
    }

    private static void CheckRun(JsonObject? run, string at, List<string> problems)
    {
        if (run is null)
        {
            problems.Add($"{at} must be an object");
            return;
        }

        var driver = run["tool"]?["driver"] as JsonObject;
        if (driver is null)
        {
            problems.Add($"{at}.tool.driver is required");
            return;
        }

        RequireString(driver, "name", $"{at}.tool.driver", problems);
        var ruleIds = new List<string>();
        if (driver["rules"] is JsonArray rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var ruleAt = $"{at}.tool.driver.rules[{i}]";
                if (rules[i] is not JsonObject rule)
                {
                    problems.Add($"{ruleAt} must be an object");
                    continue;
                }

                var id = RequireString(rule, "id", ruleAt, problems) ?? "";
                if (ruleIds.Contains(id))
                {
                    problems.Add($"{ruleAt}.id {id} is not unique");
                }

                ruleIds.Add(id);
                RequireMessageText(rule["shortDescription"], $"{ruleAt}.shortDescription", problems, optional: true);
                RequireMessageText(rule["fullDescription"], $"{ruleAt}.fullDescription", problems, optional: true);
                if (rule["defaultConfiguration"]?["level"] is { } level && !Levels.Contains(Text(level) ?? ""))
                {
                    problems.Add($"{ruleAt}.defaultConfiguration.level {level.ToJsonString()} is not a SARIF level");
                }

                if (rule["helpUri"] is { } helpUri && !Uri.TryCreate(Text(helpUri), UriKind.Absolute, out _))
                {
                    problems.Add($"{ruleAt}.helpUri must be an absolute URI");
                }

                CheckProperties(rule["properties"], ruleAt, problems);
            }
        }

        if (run["results"] is not JsonArray results)
        {
            problems.Add($"{at}.results must be an array");
            return;
        }

        var baseIds = run["originalUriBaseIds"] as JsonObject;
        foreach (var (id, declared) in baseIds ?? [])
        {
            var uri = Text(declared?["uri"]);
            if (uri is null || !uri.StartsWith("file:///", StringComparison.Ordinal) || !uri.EndsWith('/') || !Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                problems.Add($"{at}.originalUriBaseIds.{id}.uri must be an absolute file URI ending in '/'");
            }
        }

        if (results.Count > 25_000)
        {
            problems.Add($"{at}.results has {results.Count} results, over GitHub's 25,000");
        }

        for (var i = 0; i < results.Count; i++)
        {
            CheckResult(results[i] as JsonObject, $"{at}.results[{i}]", ruleIds, baseIds, problems);
        }

        if (run["invocations"] is JsonArray invocations)
        {
            foreach (var invocation in invocations)
            {
                if (invocation?["executionSuccessful"] is not JsonValue success || success.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                {
                    problems.Add($"{at}.invocations[].executionSuccessful is required and boolean");
                }

                var anyError = false;
                foreach (var notification in invocation?["toolExecutionNotifications"] as JsonArray ?? [])
                {
                    RequireMessageText(notification?["message"], $"{at}.invocations[].toolExecutionNotifications[].message", problems);
                    var level = Text(notification?["level"]) ?? "warning";
                    anyError |= level == "error";
                    if (!Levels.Contains(level))
                    {
                        problems.Add($"{at}.invocations[].toolExecutionNotifications[].level is not a SARIF level");
                    }

                    foreach (var location in notification?["locations"] as JsonArray ?? [])
                    {
                        CheckLocation(location, $"{at}.invocations[].toolExecutionNotifications[].locations[]", baseIds, problems, requirePhysical: false);
                    }
                }

                if (invocation?["executionSuccessful"]?.GetValueKind() == System.Text.Json.JsonValueKind.False && !anyError)
                {
                    problems.Add($"{at}.invocations[].executionSuccessful is false without an error notification saying why");
                }
            }
        }
    }

    private static void CheckResult(JsonObject? result, string at, List<string> ruleIds, JsonObject? baseIds, List<string> problems)
    {
        if (result is null)
        {
            problems.Add($"{at} must be an object");
            return;
        }

        var ruleId = RequireString(result, "ruleId", at, problems);
        if (ruleId is not null && !ruleIds.Contains(ruleId))
        {
            problems.Add($"{at}.ruleId {ruleId} names no rule of the driver");
        }

        if (result["ruleIndex"] is { } indexNode)
        {
            var index = (int?)TryInt(indexNode);
            if (index is null || index < 0 || index >= ruleIds.Count)
            {
                problems.Add($"{at}.ruleIndex {indexNode.ToJsonString()} is out of range");
            }
            else if (ruleIds[index.Value] != ruleId)
            {
                problems.Add($"{at}.ruleIndex {index} is rule {ruleIds[index.Value]}, not {ruleId}");
            }
        }

        if (result["level"] is { } level && !Levels.Contains(Text(level) ?? ""))
        {
            problems.Add($"{at}.level {level.ToJsonString()} is not a SARIF level");
        }

        RequireMessageText(result["message"], $"{at}.message", problems);

        // GitHub rejects results without a location.
        if (result["locations"] is not JsonArray locations || locations.Count == 0)
        {
            problems.Add($"{at}.locations must hold at least one location");
        }
        else
        {
            if (locations.Count + (result["relatedLocations"] as JsonArray)?.Count > 1000)
            {
                problems.Add($"{at} has more than GitHub's 1,000 locations");
            }

            for (var i = 0; i < locations.Count; i++)
            {
                CheckLocation(locations[i], $"{at}.locations[{i}]", baseIds, problems, requirePhysical: true);
            }
        }

        foreach (var (related, i) in (result["relatedLocations"] as JsonArray ?? []).Select((l, i) => (l, i)))
        {
            CheckLocation(related, $"{at}.relatedLocations[{i}]", baseIds, problems, requirePhysical: true);
            if (related?["id"] is { } id && (TryInt(id) is not { } value || value < 0))
            {
                problems.Add($"{at}.relatedLocations[{i}].id must be a non-negative integer");
            }
        }

        if (result["partialFingerprints"] is { } partial)
        {
            if (partial is not JsonObject map || map.Any(p => p.Value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String))
            {
                problems.Add($"{at}.partialFingerprints must map names to strings");
            }
        }

        foreach (var (fix, i) in (result["fixes"] as JsonArray ?? []).Select((f, i) => (f, i)))
        {
            var fixAt = $"{at}.fixes[{i}]";
            if (fix?["artifactChanges"] is not JsonArray changes || changes.Count == 0)
            {
                problems.Add($"{fixAt}.artifactChanges must be a non-empty array");
                continue;
            }

            foreach (var change in changes)
            {
                CheckArtifactLocation(change?["artifactLocation"], $"{fixAt}.artifactChanges[].artifactLocation", baseIds, problems);
                if (change?["replacements"] is not JsonArray replacements || replacements.Count == 0)
                {
                    problems.Add($"{fixAt}.artifactChanges[].replacements must be a non-empty array");
                    continue;
                }

                foreach (var replacement in replacements)
                {
                    if (replacement?["deletedRegion"] is not JsonObject region)
                    {
                        problems.Add($"{fixAt} replacement without deletedRegion");
                    }
                    else
                    {
                        CheckRegion(region, $"{fixAt}.replacements[].deletedRegion", problems);
                    }
                }
            }
        }

        CheckProperties(result["properties"], at, problems);
    }

    private static void CheckLocation(JsonNode? location, string at, JsonObject? baseIds, List<string> problems, bool requirePhysical)
    {
        var physical = location?["physicalLocation"];
        if (physical is null)
        {
            if (requirePhysical)
            {
                problems.Add($"{at}.physicalLocation is required");
            }

            return;
        }

        CheckArtifactLocation(physical["artifactLocation"], $"{at}.physicalLocation.artifactLocation", baseIds, problems);
        if (physical["region"] is { } region)
        {
            CheckRegion(region as JsonObject, $"{at}.physicalLocation.region", problems);
        }
    }

    private static void CheckArtifactLocation(JsonNode? artifact, string at, JsonObject? baseIds, List<string> problems)
    {
        var uri = Text(artifact?["uri"]);
        if (uri is null)
        {
            problems.Add($"{at}.uri is required");
            return;
        }

        if (!Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out var parsed))
        {
            problems.Add($"{at}.uri {uri} is not a URI reference");
            return;
        }

        var baseId = Text(artifact?["uriBaseId"]);
        if (parsed.IsAbsoluteUri || uri.StartsWith('/'))
        {
            problems.Add(baseId is not null ? $"{at}.uri {uri} is absolute but has a uriBaseId" : $"{at}.uri {uri} is absolute: not relative to a declared base");
            return;
        }

        // A relative URI must say what it is relative to, and must not climb out of it. %SRCROOT% may be left for the
        // consumer to set (GitHub sets it to the checkout); any other base must be declared.
        if (baseId is null)
        {
            problems.Add($"{at}.uri {uri} is relative without a uriBaseId");
        }
        else if (baseId != "%SRCROOT%" && baseIds?.ContainsKey(baseId) != true)
        {
            problems.Add($"{at}.uriBaseId {baseId} is not in originalUriBaseIds");
        }

        if (uri.Split('/').Contains("..") || uri.Contains(' ', StringComparison.Ordinal) || uri.Contains('\\', StringComparison.Ordinal))
        {
            problems.Add($"{at}.uri {uri} is not a clean relative URI");
        }

        if (uri.Any(c => c > 127))
        {
            problems.Add($"{at}.uri {uri} has characters that must be percent-encoded");
        }
    }

    private static void CheckRegion(JsonObject? region, string at, List<string> problems)
    {
        if (region is null)
        {
            problems.Add($"{at} must be an object");
            return;
        }

        var startLine = TryInt(region["startLine"]);
        if (startLine is null or < 1)
        {
            problems.Add($"{at}.startLine must be an integer >= 1");
            return;
        }

        var startColumn = region["startColumn"] is null ? 1 : TryInt(region["startColumn"]);
        var endLine = region["endLine"] is null ? startLine : TryInt(region["endLine"]);
        var endColumn = region["endColumn"] is null ? (long?)null : TryInt(region["endColumn"]);
        if (startColumn is null or < 1)
        {
            problems.Add($"{at}.startColumn must be an integer >= 1");
        }

        if (endLine is null || endLine < startLine)
        {
            problems.Add($"{at}.endLine must be >= startLine");
        }

        if (region["endColumn"] is not null && (endColumn is null or < 1 || (endLine == startLine && endColumn < startColumn)))
        {
            problems.Add($"{at}.endColumn must be >= 1 and not before startColumn on the same line");
        }
    }

    private static void CheckProperties(JsonNode? properties, string at, List<string> problems)
    {
        if (properties is null)
        {
            return;
        }

        if (properties is not JsonObject bag)
        {
            problems.Add($"{at}.properties must be an object");
            return;
        }

        if (bag["tags"] is { } tags && (tags is not JsonArray list || list.Any(t => Text(t) is null)))
        {
            problems.Add($"{at}.properties.tags must be an array of strings");
        }
        else if (bag["tags"] is JsonArray { Count: > 10 })
        {
            problems.Add($"{at}.properties.tags has more than the 10 GitHub keeps");
        }

        if (bag["security-severity"] is { } severity)
        {
            // GitHub reads it as a string holding a number from 0.0 to 10.0.
            var text = Text(severity);
            if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || score is < 0 or > 10)
            {
                problems.Add($"{at}.properties.security-severity {severity.ToJsonString()} is not a score from 0 to 10 in a string");
            }
        }
    }

    private static void RequireMessageText(JsonNode? message, string at, List<string> problems, bool optional = false)
    {
        if (message is null && optional)
        {
            return;
        }

        if (string.IsNullOrEmpty(Text(message?["text"])))
        {
            problems.Add($"{at}.text is required and non-empty");
        }
    }

    private static string? RequireString(JsonObject node, string name, string at, List<string> problems)
    {
        var text = Text(node[name]);
        if (string.IsNullOrEmpty(text))
        {
            problems.Add($"{at}.{name} is required and must be a non-empty string");
        }

        return text;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? TryInt(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.TryGetValue<long>(out var n) ? n : null;
}
