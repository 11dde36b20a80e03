using Kingsnake.Core.Shell;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>The public registries that offer Trusted Publishing (an OIDC token from the workflow instead of a stored secret).</summary>
public enum PackageRegistry
{
    PyPI,
    Npm,
    CratesIo,
    RubyGems,
    NuGet,
}

/// <summary>
/// One upload command found in a <c>run:</c> script: the tool and verb as written, the registry it uploads to by
/// default, whether the tool itself can use Trusted Publishing (it asks the runner for an OIDC token when it is given
/// no credential), and the words after the verb.
/// </summary>
public sealed record PublishCommand(string Tool, string Verb, PackageRegistry Registry, bool NativeTrustedPublishing, ShellCommand Command, IReadOnlyList<string> Arguments)
{
    public string Name => $"{Tool} {Verb}";

    /// <summary>The value of an option (<c>--flag value</c> or <c>--flag=value</c>), first spelling that is present, or null.</summary>
    public string? Option(params ReadOnlySpan<string> names)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            foreach (var name in names)
            {
                if (Arguments[i] == name && i + 1 < Arguments.Count)
                {
                    return WithExpression(i + 1);
                }

                if (name.StartsWith("--", StringComparison.Ordinal) && Arguments[i].StartsWith(name + "=", StringComparison.Ordinal))
                {
                    return Arguments[i][(name.Length + 1)..];
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The argument at <paramref name="i"/>, joined with the ones after it when it opens a <c>${{ … }}</c> that spaces
    /// split: GitHub substitutes the expression before the shell splits words.
    /// </summary>
    private string WithExpression(int i)
    {
        var value = Arguments[i];
        if (!value.Contains("${{", StringComparison.Ordinal) || value.Contains("}}", StringComparison.Ordinal))
        {
            return value;
        }

        var parts = new List<string> { value };
        for (var j = i + 1; j < Arguments.Count && !parts[^1].Contains("}}", StringComparison.Ordinal); j++)
        {
            parts.Add(Arguments[j]);
        }

        return string.Join(' ', parts);
    }

    public bool HasFlag(string name) => Arguments.Any(a => a == name || a.StartsWith(name + "=", StringComparison.Ordinal));
}

/// <summary>
/// Recognises package uploads in a parsed <c>run:</c> script (<see cref="ShellScript"/>). Which tools upload with an
/// OIDC token by themselves comes from their documentation: twine 6.1, uv, pdm, maturin and npm 11.5 do; poetry, hatch,
/// flit, cargo, gem, dotnet/nuget, pnpm, yarn and bun need a token, which a Trusted Publishing setup mints in an
/// earlier step (crates-io-auth-action, configure-rubygems-credentials, NuGet/login).
/// </summary>
public static class PublishCommands
{
    /// <summary>Options of the wrapping runners that take a value, so the value is not read as the program.</summary>
    private static readonly HashSet<string> RunnerValueOptions = new(StringComparer.Ordinal)
    {
        "--with", "-w", "--from", "--python", "-p", "--group", "--extra", "--package", "--directory", "--project", "--env-file",
        "--index", "--spec", "--only-group", "-e", "--env",
    };

    /// <summary>Options of the upload tools that take a value and may sit between the tool and its verb (<c>npm -w pkg publish</c>).</summary>
    private static readonly HashSet<string> ToolValueOptions = new(StringComparer.Ordinal)
    {
        "-w", "--workspace", "-C", "--dir", "--filter", "--prefix", "--directory", "--project", "-P", "--manifest-path",
    };

    private static readonly (string Tool, string Verb, PackageRegistry Registry, bool Native)[] Known =
    [
        ("twine", "upload", PackageRegistry.PyPI, true),
        ("uv", "publish", PackageRegistry.PyPI, true),
        ("pdm", "publish", PackageRegistry.PyPI, true),
        ("maturin", "upload", PackageRegistry.PyPI, true),
        ("maturin", "publish", PackageRegistry.PyPI, true),
        ("poetry", "publish", PackageRegistry.PyPI, false),
        ("hatch", "publish", PackageRegistry.PyPI, false),
        ("flit", "publish", PackageRegistry.PyPI, false),
        ("npm", "publish", PackageRegistry.Npm, true),
        ("pnpm", "publish", PackageRegistry.Npm, false),
        ("yarn", "publish", PackageRegistry.Npm, false),
        ("bun", "publish", PackageRegistry.Npm, false),
        ("cargo", "publish", PackageRegistry.CratesIo, false),
        ("gem", "push", PackageRegistry.RubyGems, false),
        ("nuget", "push", PackageRegistry.NuGet, false),
    ];

    /// <summary>The upload <paramref name="command"/> makes, or null when it is not one.</summary>
    public static PublishCommand? Match(ShellCommand command)
    {
        var words = command.Program.Select(w => w.Text).ToList();
        var i = Unwrap(words);
        if (i >= words.Count)
        {
            return null;
        }

        var tool = ToolName(words[i]);
        if (tool == "dotnet" && i + 1 < words.Count && words[i + 1] == "nuget")
        {
            tool = "nuget"; // dotnet nuget push
            i++;
        }
        else if (tool == "yarn" && i + 1 < words.Count && words[i + 1] == "npm")
        {
            i++; // yarn npm publish (Yarn 2 and later)
        }

        foreach (var (knownTool, verb, registry, native) in Known)
        {
            if (knownTool != tool)
            {
                continue;
            }

            var at = VerbIndex(words, i + 1, verb);
            if (at > 0)
            {
                return new PublishCommand(knownTool, verb, registry, native, command, words[(at + 1)..]);
            }
        }

        return null;
    }

    /// <summary><c>twine</c> for <c>twine</c>, <c>/usr/bin/twine</c>, <c>twine.exe</c>.</summary>
    private static string ToolName(string word)
    {
        var name = word[(word.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    /// <summary>
    /// The index of the tool past the runners that start it: <c>python -m</c>, <c>uv run</c>, <c>uv tool run</c>,
    /// <c>uvx</c>, <c>pipx run</c>, <c>poetry/pdm/hatch/pipenv/rye run</c>, <c>npx</c> (with their options).
    /// </summary>
    private static int Unwrap(List<string> w)
    {
        var i = 0;
        for (var guard = 0; guard < 4 && i < w.Count; guard++)
        {
            var word = ToolName(w[i]);
            var next = i + 1 < w.Count ? w[i + 1] : "";
            int after;
            if (IsPython(word))
            {
                var m = w.IndexOf("-m", i + 1);
                if (m < 0 || m + 1 >= w.Count || w.Skip(i + 1).Take(m - i - 1).Any(x => !x.StartsWith('-')))
                {
                    return w.Count; // a script, not a module
                }

                i = m + 1;
                continue;
            }

            if (word == "uv" && next == "run")
            {
                after = i + 2;
            }
            else if (word == "uv" && next == "tool" && i + 2 < w.Count && w[i + 2] == "run")
            {
                after = i + 3;
            }
            else if (word is "uvx" or "npx" || (word == "pipx" && next == "run") || (word is "poetry" or "pdm" or "hatch" or "pipenv" or "rye" && next == "run"))
            {
                after = word is "uvx" or "npx" ? i + 1 : i + 2;
            }
            else
            {
                break;
            }

            i = SkipOptions(w, after, RunnerValueOptions);
            if (i < w.Count && w[i] == "--")
            {
                i++;
            }
        }

        return i;
    }

    private static bool IsPython(string word) =>
        word == "py" || (word.StartsWith("python", StringComparison.Ordinal) && word.AsSpan(6).IndexOfAnyExcept("0123456789.") < 0);

    private static int SkipOptions(List<string> w, int i, HashSet<string> valueOptions)
    {
        while (i < w.Count && w[i].StartsWith('-') && w[i] != "--")
        {
            i += valueOptions.Contains(w[i]) ? 2 : 1;
        }

        return i;
    }

    /// <summary>Where <paramref name="verb"/> stands after the tool's own options (<c>poetry --no-interaction publish</c>, <c>cargo +nightly publish</c>), or -1.</summary>
    private static int VerbIndex(List<string> w, int i, string verb)
    {
        while (i < w.Count && (w[i].StartsWith('+') || w[i].StartsWith('-')))
        {
            i += ToolValueOptions.Contains(w[i]) ? 2 : 1;
        }

        return i < w.Count && w[i] == verb ? i : -1;
    }
}
