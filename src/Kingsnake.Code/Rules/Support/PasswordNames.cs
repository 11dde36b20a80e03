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

    /// <summary>
    /// Whether a literal under a secret-like name is reported. Bandit reports any; Kingsnake only a value that could be
    /// a secret (<see cref="LooksLikeSecret"/>) under a name that is not a pagination or parser token
    /// (<c>next_token</c>, <c>input_token</c>). A comparison needs a value that looks like a real secret, since
    /// <c>token == "("</c> and <c>token == "keyword"</c> are how lexers are written.
    /// </summary>
    public static bool IsReportableValue(string value, bool banditCompatible, string name, bool comparison = false) =>
        banditCompatible || (LooksLikeSecret(value) && !IsNonSecretToken(name) && (!comparison || LooksStronglyLikeSecret(value)));

    /// <summary>The value as a message shows it: masked when it could be a secret, in full (shortened) when it plainly is not.</summary>
    public static string Shown(string value) => LooksLikeSecret(value) ? MessageText.Mask(value) : MessageText.Shorten(value, 40);

    /// <summary>
    /// False for values that are plainly not secrets: empty or very short strings, prose (whitespace), masks
    /// (<c>****</c>), placeholders (<c>&lt;password&gt;</c>, <c>{token}</c>, <c>%s</c>, <c>${SECRET}</c>, <c>changeme</c>,
    /// <c>dummy</c>), paths, and labels that are themselves identifiers naming the secret (<c>"password"</c>,
    /// <c>"next_token"</c>, <c>"PUBLIC_KEY_AND_PASSWORD"</c>, <c>"NextToken"</c>): a field name, not its value.
    /// </summary>
    public static bool LooksLikeSecret(string value)
    {
        if (value.Length < 4 || value.Any(char.IsWhiteSpace) || value.All(c => c is '*' or 'x' or 'X' or '•' or '.' or '-' or '_' or ':' or '#'))
        {
            return false;
        }

        if (value.Contains("***", StringComparison.Ordinal) || Placeholder().IsMatch(value) || value[0] is '/' or '~' || value.StartsWith("./", StringComparison.Ordinal))
        {
            return false;
        }

        // A label: letters and separators only, naming a secret word (`password`, `next_token`, `apiToken`).
        return !(value.All(c => char.IsLetter(c) || c is '_' or '-' or '.') && SecretWord().IsMatch(value));
    }

    /// <summary>A value with the shape of a real secret: six characters or more mixing letters and digits.</summary>
    public static bool LooksStronglyLikeSecret(string value) =>
        LooksLikeSecret(value) && value.Length >= 6 && value.Any(char.IsLetter) && value.Any(char.IsDigit);

    private static bool IsNonSecretToken(string name) => NonSecretToken().IsMatch(name);

    [GeneratedRegex(@"^(<.*>|\{.*\}|\$\{?[A-Za-z_]\w*\}?|%\(?\w*\)?s|(change_?me|changeit|dummy|fake|example|sample|placeholder|redacted|hidden|none|null|test(ing)?|your[-_]?\w*)\d*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex("pas+wo?r?d|passphrase|pwd|token|secret|key|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretWord();

    // Tokens that page through results or parse text, named for it (`next_token`, `inputToken`, `continuation_token`).
    [GeneratedRegex("(^|_)(next|input|output|page|pagination|continuation|marker|sync|update|idempotency|client_request|start|end|prev|previous|lexer|parser|sort)_?token$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonSecretToken();
}
