using System.Collections.Frozen;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// The action lists kept as data in <c>Knowledge/Data/</c> (embedded resources; each file names its source in its
/// header): archived action repositories and popular actions that typosquatters imitate.
/// </summary>
public static class ActionLists
{
    private static readonly Lazy<FrozenSet<string>> ArchivedSet = new(() => Load("archived-actions.txt").ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    private static readonly Lazy<string[]> PopularList = new(() => [.. Load("popular-actions.txt")]);

    /// <summary>Archived <c>owner/repo</c> names.</summary>
    public static FrozenSet<string> Archived => ArchivedSet.Value;

    /// <summary>Popular <c>owner/repo</c> names, lower-case.</summary>
    public static IReadOnlyList<string> Popular => PopularList.Value;

    private static IEnumerable<string> Load(string name)
    {
        using var stream = typeof(ActionLists).Assembly.GetManifestResourceStream("Kingsnake.Workflows.Knowledge." + name)
            ?? throw new InvalidOperationException($"embedded list {name} is missing");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#');
            var entry = (hash >= 0 ? line[..hash] : line).Trim().ToLowerInvariant();
            if (entry.Length > 0)
            {
                lines.Add(entry);
            }
        }

        return lines;
    }
}
