namespace Kingsnake.Reporting.Tests;

/// <summary>
/// Reads GitHub Actions workflow commands back as the runner does (<c>::name key=value,key=value::message</c>,
/// values and message unescaped with %25 last), to judge what the annotations show.
/// </summary>
internal static class WorkflowCommands
{
    public sealed record Command(string Name, IReadOnlyDictionary<string, string> Properties, string Message);

    /// <summary>The command on a line, or null for a plain log line.</summary>
    public static Command? Parse(string line)
    {
        if (!line.StartsWith("::", StringComparison.Ordinal))
        {
            return null;
        }

        var end = line.IndexOf("::", 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var head = line[2..end];
        var space = head.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? head : head[..space];
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (space >= 0)
        {
            foreach (var pair in head[(space + 1)..].Split(','))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                properties[pair[..equals]] = UnescapeProperty(pair[(equals + 1)..]);
            }
        }

        return new Command(name, properties, UnescapeData(line[(end + 2)..]));
    }

    public static string UnescapeData(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    public static string UnescapeProperty(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
