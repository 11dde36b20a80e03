using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// One entry of ruff's <c>per-file-ignores</c> (or <c>extend-per-file-ignores</c>): a glob, optionally negated with a
/// leading <c>!</c>, and the selectors it ignores, with the place the entry is written.
/// </summary>
/// <param name="Pattern">The key as written, <c>!</c> included.</param>
/// <param name="BaseDirectory">The directory of the configuration file that holds the entry, relative to the project root ("" for the root): ruff resolves the glob against it.</param>
public sealed record RuffPerFileIgnore(string Pattern, string BaseDirectory, IReadOnlyList<RuffSelector> Selectors, SourceSpan At)
{
    private readonly RuffGlob _name = RuffGlob.Compile(Pattern.StartsWith('!') ? Pattern[1..] : Pattern);
    private readonly RuffGlob _path = RuffGlob.Compile(Anchor(Pattern.StartsWith('!') ? Pattern[1..] : Pattern, BaseDirectory));

    public bool IsNegated => Pattern.StartsWith('!');

    /// <summary>
    /// True when the entry covers the file at <paramref name="relativePath"/> (relative to the project root), as ruff
    /// decides it: the glob matches the file's name or its path; a negated entry covers exactly the files it does not match.
    /// </summary>
    public bool AppliesTo(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        var matched = _name.IsMatch(relativePath[(slash + 1)..]) || _path.IsMatch(relativePath);
        return matched != IsNegated;
    }

    /// <summary>The selector of this entry that covers <paramref name="code"/>, or null.</summary>
    public RuffSelector? Covering(string code) => Selectors.FirstOrDefault(s => s.Matches(code));

    /// <summary>
    /// The glob as a path from the project root: ruff joins it to the configuration's directory and normalises
    /// <c>.</c> and <c>..</c>; a glob that climbs out of the project then matches nothing inside it.
    /// </summary>
    private static string Anchor(string glob, string baseDirectory)
    {
        var parts = new List<string>();
        foreach (var part in (baseDirectory.Length == 0 ? glob : baseDirectory + "/" + glob).Split('/'))
        {
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return "\0outside the project";
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
