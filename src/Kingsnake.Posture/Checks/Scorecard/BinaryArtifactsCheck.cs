using System.Globalization;
using System.Text;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Binary-Artifacts (<c>checks/raw/binary_artifact.go</c>): <c>10 − n</c>, at least 0, n = files of the
/// repository (tests and vendored code included) whose first 1 KiB sniffs as an executable or package format (ELF,
/// PE, Mach-O or Java class, dex/dey, wasm, deb, rpm, crx), or whose extension is a binary one (.a .o .so .dll
/// .dylib .exe .jar .class .pyc .pyo .whl .msi .par …) while its first 1 KiB is not text (a rune that is neither
/// printable nor tab/newline/return). Scorecard exempts <c>gradle-wrapper.jar</c> only after checking the workflow
/// runs that validate it (API); offline it counts, and when a workflow validates it Scorecard's local run fails,
/// which is mirrored as not computed.
/// </summary>
public sealed class BinaryArtifactsCheck : IPostureCheck
{
    private const int SniffBytes = 1024;

    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.Ordinal)
    {
        "crx", "deb", "dex", "dey", "elf", "o", "a", "so", "macho", "iso", "class", "jar", "bundle", "dylib", "lib", "msi",
        "dll", "drv", "efi", "exe", "ocx", "pyc", "pyo", "par", "rpm", "wasm", "whl",
    };

    public string Name => "Binary-Artifacts";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The repository holds no generated executables or packages, whose content cannot be reviewed.";

    public CheckResult Run(PostureContext context)
    {
        var binaries = new List<CheckEvidence>();
        var unread = 0;
        foreach (var path in ScorecardFiles.List(context))
        {
            if (ScorecardFiles.Read(context, path, out _) is not { } bytes)
            {
                unread++;
                continue;
            }

            if (Classify(path, bytes.AsSpan(0, Math.Min(bytes.Length, SniffBytes))) is { } what)
            {
                binaries.Add(new CheckEvidence(what) { Path = path, Negative = true });
            }
        }

        var unreadNote = unread > 0 ? $"; {unread} file(s) could not be read (over the size limit or not regular) and were not sniffed" : "";
        if (binaries.Any(b => Path.GetFileName(b.Path) == "gradle-wrapper.jar") && ValidatesGradleWrapper(context) is { } validation)
        {
            return CheckResult.NotComputed(this, $"gradle-wrapper.jar is validated by {validation}; Scorecard exempts it only after reading that workflow's runs (GitHub API)");
        }

        if (binaries.Count == 0)
        {
            return CheckResult.Scored(this, 10, $"no binary artifacts among {ScorecardFiles.List(context).Count} files{unreadNote}", null);
        }

        var score = Math.Max(0, 10 - binaries.Count);
        var shown = string.Join(", ", binaries.Take(3).Select(b => b.Path)) + (binaries.Count > 3 ? $" and {binaries.Count - 3} more" : "");
        return CheckResult.Scored(this, score, $"{binaries.Count} binary artifact(s): 10 − {binaries.Count}{(score == 0 && binaries.Count > 10 ? ", floored at 0" : "")} ({shown}){unreadNote}",
            $"remove {binaries[0].Path} from the repository (`git rm`) and build it in CI or fetch it with a pinned hash; keep test binaries out of the tree or generate them in the test",
            binaries);
    }

    /// <summary>What the file is when Scorecard counts it as binary, else null.</summary>
    internal static string? Classify(string path, ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return null;
        }

        if (Sniff(head) is { } type)
        {
            return $"{type} binary";
        }

        var extension = Path.GetExtension(path).Replace(".", "", StringComparison.Ordinal);
        return BinaryExtensions.Contains(extension) && !IsText(head) ? $".{extension} file with binary content" : null;
    }

    /// <summary>The magic numbers of the <c>h2non/filetype</c> matchers whose types Scorecard lists as binary.</summary>
    private static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length > 3 && b[0] == 0x43 && b[1] == 0x72 && b[2] == 0x32 && b[3] == 0x34)
        {
            return "Chrome extension (crx)";
        }

        if (b.Length > 20 && b.StartsWith("!<arch>\ndebian-binary"u8))
        {
            return "Debian package";
        }

        if (b.Length > 1 && b[0] == 0x4D && b[1] == 0x5A)
        {
            return "Windows executable (PE)";
        }

        if (b.Length > 96 && b[0] == 0xED && b[1] == 0xAB && b[2] == 0xEE && b[3] == 0xDB)
        {
            return "RPM package";
        }

        if (b.Length > 52 && b[0] == 0x7F && b[1] == 0x45 && b[2] == 0x4C && b[3] == 0x46)
        {
            return "ELF";
        }

        if (b.Length > 3 && IsMachO(b))
        {
            return b[0] == 0xCA ? "Mach-O universal or Java class" : "Mach-O";
        }

        if (b.Length >= 8 && b.StartsWith("\0asm"u8) && b[4] == 0x01 && b[5] == 0 && b[6] == 0 && b[7] == 0)
        {
            return "WebAssembly";
        }

        if (b.Length > 36 && b.StartsWith("dex\n"u8) && b[36] == 0x70)
        {
            return "Android dex";
        }

        if (b.Length > 100 && b.StartsWith("dey\n"u8) && b[40..100].StartsWith("dex\n"u8) && b[76] == 0x70)
        {
            return "Android dey";
        }

        return null;
    }

    private static bool IsMachO(ReadOnlySpan<byte> b) =>
        (b[0] == 0xFE && b[1] == 0xED && b[2] == 0xFA && b[3] is 0xCF or 0xCE)
        || (b[0] is 0xCF or 0xCE && b[1] == 0xFA && b[2] == 0xED && b[3] == 0xFE)
        || (b[0] == 0xBE && b[1] == 0xBA && b[2] == 0xFE && b[3] == 0xCA)
        || (b[0] == 0xCA && b[1] == 0xFE && b[2] == 0xBA && b[3] == 0xBE);

    /// <summary>
    /// Go's <c>unicode.IsPrint</c> over the runes (tab, newline and return allowed): letters, marks, numbers,
    /// punctuation, symbols and the ASCII space. An invalid byte decodes to U+FFFD, a symbol, as in Go.
    /// </summary>
    internal static bool IsText(ReadOnlySpan<byte> head)
    {
        while (!head.IsEmpty)
        {
            Rune.DecodeFromUtf8(head, out var rune, out var consumed);
            head = head[consumed..];
            if (rune.Value is '\t' or '\n' or '\r' or ' ')
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator:
                    return false;
            }
        }

        return true;
    }

    private static string? ValidatesGradleWrapper(PostureContext context)
    {
        foreach (var workflow in ScorecardWorkflows.Parsed(ScorecardWorkflows.Of(context)))
        {
            foreach (var (_, step) in ScorecardWorkflows.Steps(workflow))
            {
                if (ScorecardWorkflows.ActionName(step) is "gradle/wrapper-validation-action" or "gradle/actions/wrapper-validation")
                {
                    return workflow.Path;
                }
            }
        }

        return null;
    }
}
