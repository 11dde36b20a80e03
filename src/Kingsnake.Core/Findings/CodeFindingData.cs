using System.Text.Json;

namespace Kingsnake.Core.Findings;

/// <summary>
/// The facts of a code finding whose rule answers for a Bandit test: the test's id and name, which Bandit's JSON
/// shape (<c>test_id</c>, <c>test_name</c>, <c>more_info</c>) needs. Findings of rules Bandit does not have carry none.
/// </summary>
/// <param name="BanditId">Bandit's test id (<c>B602</c>).</param>
/// <param name="BanditName">Bandit's test name (<c>subprocess_popen_with_shell_equals_true</c>).</param>
public sealed record CodeFindingData(string BanditId, string BanditName) : FindingData
{
    public override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("bandit-id", BanditId);
        writer.WriteString("bandit-name", BanditName);
    }
}
