using System.Text.RegularExpressions;
using Kingsnake.Core.Shell;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// The shell part of Scorecard's Pinned-Dependencies (<c>checks/raw/shell_download_validate.go</c>) over one script
/// (a workflow <c>run:</c>, a Dockerfile <c>RUN</c>, a shell script), split with the one shell lexer: downloads piped
/// or process-substituted into an interpreter, or saved and then executed (never pinned); <c>pip</c>/<c>pip3</c>/
/// <c>python[3] -m pip install</c> (pinned only with <c>--require-hashes</c>, only <c>*.whl</c> files, or an
/// editable local path or <c>git…@&lt;40 hex&gt;</c> together with <c>--no-deps</c>; <c>-r file</c> and <c>.</c> are
/// unpinned whatever the file holds); <c>npm install</c> (pinned only as <c>npm ci</c>); <c>go get/install</c> (pinned
/// at a commit, a full semantic version or a local path). <c>sh -c "…"</c> is read as its script.
/// </summary>
internal static partial class ScorecardShellScan
{
    private const int MaxNesting = 4;

    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase) { "sh", "bash", "dash", "ksh", "mksh", "zsh" };

    private static readonly HashSet<string> Interpreters = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "dash", "ksh", "mksh", "zsh", "python", "python2", "python3", "perl", "ruby", "php", "node", "nodejs", "su",
    };

    private static readonly HashSet<string> NpmVerbs = new(StringComparer.OrdinalIgnoreCase) { "install", "i", "install-test", "update", "ci" };

    private static readonly HashSet<string> Downloaders = new(StringComparer.OrdinalIgnoreCase) { "curl", "wget" };

    [GeneratedRegex(@"\s*\\?\r?\n\s*")]
    private static partial Regex OneLine();

    [GeneratedRegex(@"^[A-Fa-f0-9]{40,}$")]
    private static partial Regex CommitHash();

    [GeneratedRegex(@"^v\d+\.\d+\.\d+(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"\w+\.\w+/\w+")]
    private static partial Regex RemoteGoPackage();

    [GeneratedRegex(@"^git\+.*@[A-Fa-f0-9]{40}\b")]
    private static partial Regex GitAtCommit();

    /// <summary>Adds the dependencies of <paramref name="script"/>; <paramref name="lineAt"/> maps an offset in it to a 1-based line of <paramref name="path"/>.</summary>
    public static void Scan(string script, string path, Func<int, int> lineAt, List<PinnedDependency> found) =>
        Scan(script, path, lineAt, found, new HashSet<string>(StringComparer.Ordinal), 0);

    private static void Scan(string script, string path, Func<int, int> lineAt, List<PinnedDependency> found, HashSet<string> tainted, int depth)
    {
        foreach (var command in ShellScript.Parse(script, ShellDialect.Posix))
        {
            var words = command.Program.Select(w => w.Text).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var program = BaseName(words[0]);
            var line = lineAt(command.Start);
            var snippet = OneLine().Replace(script[command.Start..Math.Min(command.End, script.Length)], " ").Trim();
            if (snippet.Length > 120)
            {
                snippet = snippet[..117] + "...";
            }

            if (Shells.Contains(program) && words.IndexOf("-c") is var c and > 0 && c + 1 < words.Count && depth < MaxNesting)
            {
                Scan(words[c + 1], path, _ => line, found, tainted, depth + 1);
                continue;
            }

            if (IsDownloadThenRun(command, words, program, script, tainted))
            {
                found.Add(new PinnedDependency(PinnedDependencyType.DownloadThenRun, false, path, line, snippet));
            }

            if (Downloaders.Contains(program) && DownloadTarget(command, words, program) is { } target)
            {
                tainted.Add(NormalizePath(target));
            }

            if (PipInstallArguments(words) is { } pipArguments)
            {
                found.Add(new PinnedDependency(PinnedDependencyType.PipCommand, IsPinnedPipInstall(pipArguments), path, line, snippet));
            }
            else if (program.Equals("npm", StringComparison.OrdinalIgnoreCase) && words.Skip(1).Any(NpmVerbs.Contains))
            {
                found.Add(new PinnedDependency(PinnedDependencyType.NpmCommand, words.Skip(1).Any(w => w.Equals("ci", StringComparison.OrdinalIgnoreCase)), path, line, snippet));
            }
            else if (program.Equals("go", StringComparison.OrdinalIgnoreCase) && words.Skip(1).Any(w => w.Equals("get", StringComparison.OrdinalIgnoreCase) || w.Equals("install", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(new PinnedDependency(PinnedDependencyType.GoCommand, !IsUnpinnedGoDownload(words), path, line, snippet));
            }
        }
    }

    private static bool IsDownloadThenRun(ShellCommand command, List<string> words, string program, string script, HashSet<string> tainted)
    {
        if (!Interpreters.Contains(program) && !tainted.Contains(NormalizePath(words[0])))
        {
            return false;
        }

        // curl … | bash
        if (command.Upstream is { } upstream && upstream.Program.Count > 0 && Downloaders.Contains(BaseName(upstream.Program[0].Text)))
        {
            return true;
        }

        // bash <(curl …)
        // the lexer ends the command at the substitution's '(', so look at the rest of the line
        var lineEnd = script.IndexOf('\n', command.Start);
        var text = script[command.Start..(lineEnd < 0 ? script.Length : lineEnd)];
        var substitution = text.IndexOf("<(", StringComparison.Ordinal);
        if (substitution >= 0 && Interpreters.Contains(program))
        {
            var inner = text[(substitution + 2)..].TrimStart();
            if (Downloaders.Any(d => inner.StartsWith(d + " ", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        // ./install.sh or bash install.sh after curl -o install.sh
        if (tainted.Contains(NormalizePath(words[0])))
        {
            return true;
        }

        return Interpreters.Contains(program) && words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) is { } file && tainted.Contains(NormalizePath(file));
    }

    /// <summary>The file a curl/wget command writes: <c>-o</c>/<c>--output</c> (curl), <c>-O</c>/<c>--output-document</c> (wget), a redirection, or wget's default (the URL's last segment).</summary>
    private static string? DownloadTarget(ShellCommand command, List<string> words, string program)
    {
        var isCurl = program.Equals("curl", StringComparison.OrdinalIgnoreCase);
        string? url = null;
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            if (isCurl && word is "-o" or "--output" && i + 1 < words.Count)
            {
                return words[i + 1];
            }

            if (isCurl && word.StartsWith("--output=", StringComparison.Ordinal))
            {
                return word["--output=".Length..];
            }

            if (isCurl && word.StartsWith("-o", StringComparison.Ordinal) && word.Length > 2 && !word.StartsWith("--", StringComparison.Ordinal))
            {
                return word[2..];
            }

            if (!isCurl && word is "-O" or "--output-document" && i + 1 < words.Count)
            {
                return words[i + 1];
            }

            if (!isCurl && word.StartsWith("--output-document=", StringComparison.Ordinal))
            {
                return word["--output-document=".Length..];
            }

            if (!isCurl && word.StartsWith("-O", StringComparison.Ordinal) && word.Length > 2)
            {
                return word[2..];
            }

            if (word.Contains("://", StringComparison.Ordinal))
            {
                url = word;
            }
        }

        if (command.Redirects.FirstOrDefault(r => r.WritesFile) is { } redirect)
        {
            return redirect.Target.Text;
        }

        if (url is not null && (!isCurl || words.Contains("-O") || words.Contains("--remote-name")))
        {
            var withoutQuery = url.Split('?', '#')[0];
            var name = withoutQuery[(withoutQuery.LastIndexOf('/') + 1)..];
            return name.Length > 0 ? name : null;
        }

        return null;
    }

    /// <summary>The words after <c>install</c> when the command is a pip install Scorecard recognises, else null.</summary>
    internal static List<string>? PipInstallArguments(IReadOnlyList<string> words)
    {
        if (words.Count < 2)
        {
            return null;
        }

        var program = BaseName(words[0]);
        if ((program.Equals("pip", StringComparison.OrdinalIgnoreCase) || program.Equals("pip3", StringComparison.OrdinalIgnoreCase))
            && words[1].Equals("install", StringComparison.OrdinalIgnoreCase))
        {
            return [.. words.Skip(2)];
        }

        if ((program.Equals("python", StringComparison.OrdinalIgnoreCase) || program.Equals("python3", StringComparison.OrdinalIgnoreCase))
            && words.Count >= 4 && words[1] == "-m" && words[2].Equals("pip", StringComparison.OrdinalIgnoreCase) && words[3].Equals("install", StringComparison.OrdinalIgnoreCase))
        {
            return [.. words.Skip(4)];
        }

        return null;
    }

    internal static bool IsPinnedPipInstall(IReadOnlyList<string> arguments)
    {
        bool editable = false, editableTarget = false, noDeps = false, wheel = false, other = false;
        foreach (var argument in arguments)
        {
            if (argument.Equals("--require-hashes", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (argument.Equals("-e", StringComparison.OrdinalIgnoreCase) || argument.Equals("--editable", StringComparison.OrdinalIgnoreCase))
            {
                editable = true;
                continue;
            }

            if (argument.Equals("--no-deps", StringComparison.OrdinalIgnoreCase))
            {
                noDeps = true;
                continue;
            }

            if (argument.EndsWith(".whl", StringComparison.Ordinal))
            {
                wheel = true;
                continue;
            }

            if (editable && !editableTarget && (argument.StartsWith('.') || argument.StartsWith('/') || GitAtCommit().IsMatch(argument)))
            {
                editableTarget = true;
                continue;
            }

            other = true;
        }

        return (editable && editableTarget && noDeps && !other) || (wheel && !other);
    }

    private static bool IsUnpinnedGoDownload(List<string> words)
    {
        var found = false;
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (words[i].Equals("get", StringComparison.OrdinalIgnoreCase) || words[i].Equals("install", StringComparison.OrdinalIgnoreCase))
            {
                found = true;
            }

            if (!found)
            {
                continue;
            }

            var package = words[i + 1];
            if (!RemoteGoPackage().IsMatch(package))
            {
                return false;
            }

            var parts = package.Split('@');
            if (parts.Length != 2)
            {
                continue;
            }

            var version = parts[1];
            if (version == "none" || CommitHash().IsMatch(version) || (SemanticVersion().IsMatch(version) && !version.EndsWith("+incompatible", StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return found;
    }

    private static string BaseName(string word) => word[(word.LastIndexOf('/') + 1)..];

    private static string NormalizePath(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
}
