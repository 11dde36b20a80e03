using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Shell;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// adhoc-packages (zizmor.md §2): <c>run:</c> commands that install named packages outside a lock file:
/// <c>npm/yarn/pnpm install|add &lt;pkg&gt;</c>, <c>gem install</c>, <c>bundle add</c> (low, regular, as zizmor). Kingsnake
/// adds Python, which zizmor leaves out: <c>pip install &lt;pkg&gt;</c> (also <c>python -m pip</c>, <c>pip3.12</c>,
/// <c>uv pip</c>, <c>pipx</c>, <c>uv tool install</c>) for the pedantic persona, skipping <c>==</c>-pinned requirements,
/// local paths, requirement files, <c>--require-hashes</c> and pip upgrading itself; and system packages
/// (<c>apt-get</c>/<c>apt install</c>, pedantic, <c>pkg=version</c> pins skipped). The script is split into commands with
/// its shell's quoting, continuations, comments and heredocs (<see cref="ShellScript"/>).
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

            if (ShellDialects.For(scope, run.Value) is not { } dialect)
            {
                continue;
            }

            foreach (var command in ShellScript.Parse(run.Value, dialect))
            {
                if (Judge([.. command.Program.Select(w => w.Text)]) is not { } verdict)
                {
                    continue;
                }

                var (start, end) = ScalarLocator.Locate(run, target.Source, command.Start, command.End);
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

        if (w[0] is "apt-get" or "apt" or "aptitude")
        {
            var rest = w.Skip(1).SkipWhile(a => a.StartsWith('-')).ToList();
            if (rest.Count > 1 && rest[0] == "install")
            {
                // name=version pins and local .deb files are deliberate; options may follow the verb too
                return Packages(w[0], [.. rest.Skip(1).Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal) && !a.Contains('/', StringComparison.Ordinal) && !a.StartsWith('$'))], Persona.Pedantic);
            }

            return null;
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

    /// <summary><c>pip</c>, <c>pip3</c>, <c>pip3.12</c>.</summary>
    private static bool IsPip(string word) =>
        word.StartsWith("pip", StringComparison.Ordinal) && word.Length > 3 ? word.AsSpan(3).IndexOfAnyExcept("0123456789.") < 0 : word == "pip";

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

        return w.Count - i < 2 ? -1 : (IsPip(w[i]) ? "pip" : w[i], w[i + 1]) switch
        {
            ("pip", "install") => i + 2,
            ("pipx", "install") => i + 2,
            ("uv", "pip") when w.Count > i + 2 && w[i + 2] == "install" => i + 3,
            ("uv", "tool") when w.Count > i + 2 && w[i + 2] == "install" => i + 3,
            _ => -1,
        };
    }
}
