using MAB.DotIgnore;

namespace Kingsnake.Project.Walking;

/// <summary>
/// The patterns of one <c>.gitignore</c> (or of the configuration's <c>exclude</c>), applied as git does: the last
/// pattern that matches decides, a <c>!</c> pattern re-includes, and a file with no matching pattern leaves the decision
/// to the <c>.gitignore</c> of the directory above. A pattern that cannot be compiled is left out and reported.
/// </summary>
internal sealed class GitIgnoreFile
{
    private readonly List<IgnoreRule> _rules = [];

    public GitIgnoreFile(string basePath, IEnumerable<string> lines, List<(int Line, string Reason)>? invalid = null)
    {
        BasePath = basePath;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var rule = new IgnoreRule(line);
                rule.IsMatch("probe", false); // compiles the pattern now, so a broken one is reported here and not mid-walk
                _rules.Add(rule);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                invalid?.Add((number, ex.Message));
            }
        }
    }

    /// <summary>The directory (relative to the root, '' for the root) the patterns are relative to.</summary>
    public string BasePath { get; }

    public int Count => _rules.Count;

    /// <summary>True: ignored; false: re-included by a <c>!</c> pattern; null: no pattern here speaks of it.</summary>
    public bool? Decide(string relativePath, bool isDirectory)
    {
        string local;
        if (BasePath.Length == 0)
        {
            local = relativePath;
        }
        else if (relativePath.StartsWith(BasePath, StringComparison.Ordinal) && relativePath.Length > BasePath.Length && relativePath[BasePath.Length] == '/')
        {
            local = relativePath[(BasePath.Length + 1)..];
        }
        else
        {
            return null;
        }

        for (var i = _rules.Count - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if (rule.IsMatch(local, isDirectory))
            {
                return !rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
            }
        }

        return null;
    }
}
