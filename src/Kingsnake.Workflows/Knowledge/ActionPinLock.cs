using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// The user's pin lock, <c>.github/kingsnake-pins.toml</c>: which commit each <c>owner/repo[/path]@tag</c> stands for,
/// as <c>"actions/checkout@v4.2.2" = "11bd71901bbe5b1630ceea73d27597364c9af683"</c>. Entries may sit at the top level
/// or inside any table (e.g. <c>[pins]</c>). The facts are the user's: they name tags as they were when locked.
/// </summary>
public sealed class ActionPinLock
{
    /// <summary>Where the lock lives, relative to the project root.</summary>
    public const string DefaultRelativePath = ".github/kingsnake-pins.toml";

    private const long MaxBytes = 16 * 1024 * 1024;

    private ActionPinLock(string path, IReadOnlyList<ActionTagCommit> entries)
    {
        Path = path;
        Entries = entries;
    }

    public static ActionPinLock Empty { get; } = new("", []);

    /// <summary>The file the entries came from (as given to <see cref="Parse"/>).</summary>
    public string Path { get; }

    /// <summary>Each <c>repo@tag = commit</c>; repository names lower-cased, commits lower-cased.</summary>
    public IReadOnlyList<ActionTagCommit> Entries { get; }

    /// <summary>Reads <paramref name="fullPath"/>; throws <see cref="InputFormatException"/> (with the line) for a malformed lock.</summary>
    public static ActionPinLock Load(string fullPath, string displayPath)
    {
        if (new FileInfo(fullPath).Length > MaxBytes)
        {
            throw new InputFormatException($"pin lock is over {MaxBytes / (1024 * 1024)} MiB");
        }

        return Parse(File.ReadAllText(fullPath), displayPath);
    }

    /// <summary>Parses the text of a lock; throws <see cref="InputFormatException"/> with the line of a bad entry.</summary>
    public static ActionPinLock Parse(string text, string displayPath)
    {
        var root = TomlDocument.Parse(text, displayPath);
        var entries = new List<ActionTagCommit>();
        Collect(root, displayPath, entries, depth: 0);
        return new ActionPinLock(displayPath, entries);
    }

    private static void Collect(TomlNode table, string displayPath, List<ActionTagCommit> entries, int depth)
    {
        foreach (var (key, value) in table.Members)
        {
            if (value.Kind == TomlNodeKind.Table && depth < 4)
            {
                Collect(value, displayPath, entries, depth + 1);
                continue;
            }

            var at = key.LastIndexOf('@');
            if (at <= 0)
            {
                // other settings may share the file; only "owner/repo@tag" keys are pins
                continue;
            }

            var action = key[..at].Trim();
            var tag = key[(at + 1)..].Trim();
            var slashes = action.Count(c => c == '/');
            if (slashes < 1 || tag.Length == 0)
            {
                throw new InputFormatException($"pin key '{key}' is not owner/repo@tag", value.Line, value.Column);
            }

            if (value.Kind != TomlNodeKind.String || !ActionTagCommit.IsCommit(value.Text))
            {
                throw new InputFormatException($"pin '{key}' must be a full commit SHA (40 or 64 hex digits)", value.Line, value.Column);
            }

            entries.Add(new ActionTagCommit(ActionTagCommit.RepositoryOf(action), tag, value.Text!.ToLowerInvariant(), $"{displayPath}:{value.Line}"));
        }
    }
}
