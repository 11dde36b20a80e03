using System.Text;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B613: Unicode bidirectional controls in source, which make code read differently than it runs (Trojan Source).</summary>
public sealed class TrojanSource : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.Module];

    public override Rule Descriptor { get; } = Describe(
        "PY613", "trojan-source", "Bidirectional control character in source", Severity.High, Confidence.Medium, 838, "B613", null, """
        Unicode bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and the
        right-to-left mark (U+200F) reorder how text is displayed: a reviewer can see a comment or string where the
        interpreter sees code (CVE-2021-42574, "Trojan Source").

        **Fix:** remove the characters; if right-to-left text is really needed in a string, write it with `\u`
        escapes.

        **Differs from Bandit:** Bandit reports the first such character of a file only; Kingsnake reports every
        line that holds one.
        """);

    public override string BanditId => "B613";

    public override string BanditName => "trojansource";

    // Hidden bidirectional text is an attack on whoever reads the file, tests included.
    public override bool AppliesToTests => true;

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        var bytes = context.Source.Bytes;
        var lastLine = 0;
        // Every bidi control is U+200F or U+202A..U+202E or U+2066..U+2069: UTF-8 E2 80 8F / E2 80 AA..AE / E2 81 A6..A9.
        for (var i = context.Source.Start; i + 2 < bytes.Length; i++)
        {
            if (bytes[i] != 0xE2)
            {
                continue;
            }

            var (second, third) = (bytes[i + 1], bytes[i + 2]);
            var bidi = (second == 0x80 && (third == 0x8F || third is >= 0xAA and <= 0xAE)) || (second == 0x81 && third is >= 0xA6 and <= 0xA9);
            if (!bidi)
            {
                continue;
            }

            var (line, _) = context.Source.Position(i);
            if (line == lastLine)
            {
                continue;
            }

            lastLine = line;
            var lineStart = context.Source.LineStart(line);
            var lineEnd = line < context.Source.LineCount ? context.Source.LineStart(line + 1) : bytes.Length;
            var spot = new Pass { Lineno = line, ColOffset = i - lineStart, EndLineno = line, EndColOffset = Math.Max(i - lineStart, lineEnd - lineStart - 1) };
            var codePoint = Encoding.UTF8.GetString(bytes, i, 3)[0];
            context.Report(this, spot, $"line holds the bidirectional control U+{(int)codePoint:X4}, which can make the code display differently than it runs");
            if (context.BanditCompatible)
            {
                return;
            }
        }
    }
}
