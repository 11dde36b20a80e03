using System.Text.RegularExpressions;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// Which names look like they hold a secret. Bandit's test: a password word (<c>passwd</c>, <c>password</c>,
/// <c>pass</c>, <c>passphrase</c>, <c>pwd</c>, <c>token</c>, <c>secret</c> …) anywhere in the name as a whole
/// <c>_</c>-separated part, any case. Kingsnake's narrower test: the word must be the name's last part, so the name
/// names the secret itself (<c>db_password</c>, <c>api_token</c>) and not something about it (<c>token_type</c>,
/// <c>password_field</c>, <c>pwd_context</c>), the main source of Bandit's false alarms (bandit issues 842, 843, 1350).
/// </summary>
internal static partial class PasswordNames
{
    [GeneratedRegex("(^|_)(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)(_|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BanditCandidate();

    [GeneratedRegex("(^|_)(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    public static bool Matches(string name, bool banditCompatible) =>
        banditCompatible ? BanditCandidate().IsMatch(name) : SecretName().IsMatch(name);

    /// <summary>Kingsnake does not report empty strings: <c>password = ""</c> holds no secret.</summary>
    public static bool IsReportableValue(string value, bool banditCompatible) => banditCompatible || value.Length > 0;
}
