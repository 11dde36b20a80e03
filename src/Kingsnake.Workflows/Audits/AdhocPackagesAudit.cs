using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// adhoc-packages (zizmor.md §2): <c>run:</c> commands that install named packages outside a lock file:
/// <c>npm/yarn/pnpm install|add &lt;pkg&gt;</c>, <c>gem install</c>, <c>bundle add</c> (low, regular, as zizmor). Kingsnake
/// adds Python, which zizmor leaves out: <c>pip install &lt;pkg&gt;</c> (also <c>python -m pip</c>, <c>uv pip</c>,
/// <c>pipx</c>, <c>uv tool install</c>) for the pedantic persona, skipping <c>==</c>-pinned requirements, local paths,
/// requirement files, <c>--require-hashes</c> and pip upgrading itself. The script is split into commands on
/// <c>; &amp;&amp; || |</c> and words, not parsed with a full shell grammar.
/// </summary>
public sealed class AdhocPackagesAudit : WorkflowAudit
{
    private static readonly HashSet<string> PipValueFlags = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--platform", "--python-version", "--only-binary",
        "--no-binary", "--cache-dir", "-C", "--config-settings", "--python", "-p", "--group", "--implementation", "--abi", "--progress-bar",
        "--report", "--index", "--default-index", "--with", "--overrides",
    };

    public override Rule Rule => WorkflowRules.AdhocPackages;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var scope in StepScope.All(target))
        {
            if (scope.Step.Run is not { } run)
            {
                continue;
            }

            foreach (var command in Commands(run.Value))
            {
                if (Judge(command.Words) is not { } verdict)
                {
                    continue;
                }

                var (start, end) = Yaml.ScalarLocator.Locate(run, target.Source, command.Start, command.End);
                sink.Report(Rule, start, end, $"'{scope.Step.DisplayName}' installs {string.Join(", ", verdict.Packages)} ad hoc with {verdict.Tool}, outside any lock file", Severity.Low, Confidence.High, verdict.Persona, scope.Step.Node);
            }
        }
    }

    internal sealed record Verdict(string Tool, IReadOnlyList<string> Packages, Persona Persona);

    internal static Verdict? Judge(IReadOnlyList<string> words)
    {
        var w = words.SkipWhile(x => x is "sudo" or "env" || x.Contains('=', StringComparison.Ordinal)).ToList();
        if (w.Count < 2)
        {
            return null;
        }

        static List<string> NonFlags(IEnumerable<string> args) => [.. args.Where(a => !a.StartsWith('-'))];
        switch (w[0])
        {
            case "npm" when w[1] is "install" or "i" or "add":
                return Packages("npm", NonFlags(w.Skip(2)), Persona.Regular);
            case "yarn" when w[1] == "add":
                return Packages("yarn", NonFlags(w.Skip(2)), Persona.Regular);
            case "yarn" when w[1] == "global" && w.Count > 2 && w[2] == "add":
                return Packages("yarn", NonFlags(w.Skip(3)), Persona.Regular);
            case "pnpm" when w[1] is "add" or "install" or "i":
                return Packages("pnpm", NonFlags(w.Skip(2)), Persona.Regular);
            case "gem" when w[1] == "install":
                return Packages("gem", NonFlags(w.Skip(2)), Persona.Regular);
            case "bundle" when w[1] == "add":
                return Packages("bundle", NonFlags(w.Skip(2)), Persona.Regular);
        }

        var pipAt = PipInstallArguments(w);
        if (pipAt < 0 || w.Contains("--require-hashes"))
        {
            return null;
        }

        var packages = new List<string>();
        for (var i = pipAt; i < w.Count; i++)
        {
            var arg = w[i];
            if (arg.StartsWith('-'))
            {
                if (PipValueFlags.Contains(arg))
                {
                    i++;
                }

                continue;
            }

            var name = arg.Split(['[', '=', '<', '>', '!', '~', ';', '@'], 2)[0].ToLowerInvariant();
            if (arg.Contains("==", StringComparison.Ordinal) || arg.StartsWith('.') || arg.StartsWith('/') || arg.StartsWith('~') || arg.StartsWith('$')
                || arg.Contains('/', StringComparison.Ordinal) || arg.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)
                || arg.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || arg.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name is "pip" or "")
            {
                continue;
            }

            packages.Add(arg);
        }

        return Packages(w[0] == "uv" ? "uv" : w[0] == "pipx" ? "pipx" : "pip", packages, Persona.Pedantic);
    }

    private static Verdict? Packages(string tool, List<string> packages, Persona persona) =>
        packages.Count == 0 ? null : new Verdict(tool, packages, persona);

    /// <summary>Index of the first argument after a pip-style install command, or -1.</summary>
    private static int PipInstallArguments(List<string> w)
    {
        var i = 0;
        if (w[0].StartsWith("python", StringComparison.Ordinal) || w[0] == "py")
        {
            i = 1;
            while (i < w.Count && w[i].StartsWith('-') && w[i] != "-m")
            {
                i++;
            }

            if (i + 1 >= w.Count || w[i] != "-m")
            {
                return -1;
            }

            i++;
        }

        return w.Count - i < 2 ? -1 : (w[i], w[i + 1]) switch
        {
            ("pip" or "pip3", "install") => i + 2,
            ("pipx", "install") => i + 2,
            ("uv", "pip") when w.Count > i + 2 && w[i + 2] == "install" => i + 3,
            ("uv", "tool") when w.Count > i + 2 && w[i + 2] == "install" => i + 3,
            _ => -1,
        };
    }

    /// <summary>A simple command of a script: its words (quotes removed) and its range in the script.</summary>
    internal sealed record Command(IReadOnlyList<string> Words, int Start, int End);

    /// <summary>Splits a script into simple commands at newlines (not after a backslash), ';', '&amp;&amp;', '||' and '|', outside quotes; '#' comments dropped.</summary>
    internal static IEnumerable<Command> Commands(string script)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        var start = -1;
        var end = 0;
        char quote = '\0';
        for (var i = 0; i <= script.Length; i++)
        {
            var c = i < script.Length ? script[i] : '\n';
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                end = i + 1;
                continue;
            }

            var boundary = c is '\n' or ';' or '|' || (c == '&' && i + 1 < script.Length && script[i + 1] == '&');
            if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\n')
            {
                i++;
                c = ' ';
            }

            if (c == '#' && !inWord)
            {
                while (i + 1 < script.Length && script[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || boundary)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (boundary)
                {
                    if (words.Count > 0)
                    {
                        yield return new Command([.. words], start, end);
                    }

                    words.Clear();
                    start = -1;
                    if (c == '&' || (c == '|' && i + 1 < script.Length && script[i + 1] == '|'))
                    {
                        i++;
                    }
                }

                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            inWord = true;
            end = i + 1;
            if (c is '"' or '\'')
            {
                quote = c;
            }
            else
            {
                word.Append(c);
            }
        }
    }
}
