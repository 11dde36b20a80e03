using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>
/// The facts of real code findings as the JSON report and SARIF carry them (the Bandit test a rule answers for), and
/// the typed reason of a <c># nosec</c>, from which Bandit's JSON counts <c>nosec</c> and <c>skipped_tests</c>.
/// </summary>
public sealed class CodeFindingDataTests
{
    [Fact]
    public void A_bandit_rule_finding_writes_the_bandit_test_id_and_name()
    {
        var finding = Scanner.Single("B602", "import subprocess\nsubprocess.run(cmd, shell=True)\n");
        var data = Assert.IsType<CodeFindingData>(finding.Data);
        var written = Written(data);
        Assert.Equal(["bandit-id", "bandit-name"], written.Select(p => p.Key));
        Assert.Equal("B602", written["bandit-id"]!.GetValue<string>());
        Assert.Equal("subprocess_popen_with_shell_equals_true", written["bandit-name"]!.GetValue<string>());
    }

    [Fact]
    public void A_blacklist_call_keeps_its_own_bandit_name()
    {
        var finding = Scanner.Single("B307", "eval(source)\n");
        Assert.Equal(new CodeFindingData("B307", "eval"), finding.Data);
    }

    [Fact]
    public void A_nosec_says_whether_it_named_the_test()
    {
        const string code = "import subprocess  # nosec B404\nsubprocess.run(a, shell=True)  # nosec\nsubprocess.run(b, shell=True)  # nosec B602\n";
        var analysis = CodeAuditor.AnalyzeSource("app/main.py", Encoding.UTF8.GetBytes(code), compatibility: CodeCompatibility.Bandit); // the import finding is Bandit mode's
        Assert.Empty(analysis.Findings);
        var reasons = analysis.Suppressed.Select(s => s.Reason).OrderBy(r => r.At?.StartLine).ToList();
        Assert.All(reasons, r => Assert.Equal(SuppressionKind.BanditNosec, r.Kind));
        Assert.Equal([true, false, true], reasons.Select(r => r.NamesRule));
        Assert.Equal((1, 2), (analysis.NosecSkips, analysis.SkippedTests));
    }

    private static JsonObject Written(FindingData data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            data.WriteProperties(writer);
            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }
}
