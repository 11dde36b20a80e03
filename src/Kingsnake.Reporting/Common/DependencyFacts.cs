using System.Collections;
using System.Globalization;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;

namespace Kingsnake.Reporting.Common;

/// <summary>
/// The structured facts a dependency finding carries in its properties ("package", "version", "advisories",
/// "aliases", "fixed-in", "unpinned", "introduced-by", "summary"), read tolerantly: a property that is absent or
/// of another type is treated as missing rather than failing the report.
/// </summary>
public sealed record DependencyFacts(
    string Package,
    string? Version,
    string? FixedIn,
    bool Unpinned,
    IReadOnlyList<string> Advisories,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> IntroducedBy,
    string? Summary,
    int? IntroducedDepth = null)
{
    /// <summary>The introduction path as one line, with the depth when names are left out (<c>a → b → … → y → z (N packages deep)</c>).</summary>
    public string IntroducedByText => IntroductionPath.Describe(IntroducedBy, IntroducedDepth);

    /// <summary>The facts of <paramref name="finding"/>, or null when it names no package.</summary>
    public static DependencyFacts? From(Finding finding)
    {
        var properties = finding.Properties;
        var package = Text(properties, "package");
        if (string.IsNullOrEmpty(package))
        {
            return null;
        }

        var (introducedBy, depth) = Introduction(properties);
        return new DependencyFacts(
            package,
            Text(properties, "version"),
            Text(properties, "fixed-in"),
            properties.TryGetValue("unpinned", out var unpinned) && unpinned is true,
            List(properties, "advisories"),
            List(properties, "aliases"),
            introducedBy,
            Text(properties, "summary"),
            depth);
    }

    /// <summary>
    /// The introduction path as a report shows it: bounded as <see cref="IntroductionPath.Shown"/> bounds it, with the
    /// depth when names are left out, whether the finding carries it bounded already or (from another producer) whole.
    /// </summary>
    private static (IReadOnlyList<string> Shown, int? Depth) Introduction(IReadOnlyDictionary<string, object> properties)
    {
        var depth = properties.TryGetValue("introduced-depth", out var value) && value is int given and > 0 ? given : (int?)null;
        if (depth is null && properties.TryGetValue("introduced-by", out var whole) && whole is IReadOnlyList<string> names)
        {
            var path = IntroductionPath.Create([.. names]);
            return path.IsElided ? (path.Shown(), path.Count) : (List(properties, "introduced-by"), null);
        }

        return (List(properties, "introduced-by"), depth);
    }

    private static string? Text(IReadOnlyDictionary<string, object> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            string text => text.Length == 0 ? null : text,
            IEnumerable list => string.Join(", ", list.Cast<object?>().Select(ToText)),
            _ => ToText(value),
        } : null;

    private static IReadOnlyList<string> List(IReadOnlyDictionary<string, object> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value switch
        {
            null => [],
            string text => text.Length == 0 ? [] : [text],
            IEnumerable list => [.. list.Cast<object?>().Select(ToText).Where(t => t.Length > 0)],
            _ => [ToText(value)],
        } : [];

    private static string ToText(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The first <paramref name="most"/> ids, and "and N more" for the rest.</summary>
    public static string Abbreviate(IReadOnlyList<string> ids, int most) =>
        ids.Count <= most ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(most))} and {ids.Count - most} more";
}
