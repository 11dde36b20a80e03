using Kingsnake.Code.Rules.Support;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>What names say of their values (SecurityWords) and which literals look like secrets (PasswordNames).</summary>
public class SupportWordsTests
{
    [Theory]
    [InlineData("api_token", new[] { "api", "token" })]
    [InlineData("sessionKey", new[] { "session", "key" })]
    [InlineData("CSRF_TOKEN", new[] { "csrf", "token" })]
    [InlineData("HTTPServer", new[] { "http", "server" })]
    [InlineData("md5Digest", new[] { "md5", "digest" })]
    [InlineData("md5digest", new[] { "md5", "digest" })] // digits to letters
    [InlineData("oauth2_token", new[] { "oauth2", "token" })]
    [InlineData("x509cert", new[] { "x509", "cert" })]
    [InlineData("__init__", new[] { "init" })]
    [InlineData("", new string[0])]
    public void Words_split_at_underscores_and_case_changes(string identifier, string[] words) => Assert.Equal(words, SecurityWords.Words(identifier));

    [Theory]
    [InlineData("token", true)]
    [InlineData("reset_token", true)]
    [InlineData("make_password", true)]
    [InlineData("sessionId", true)] // a secret word outranks a neutral one
    [InlineData("api_key", true)]
    [InlineData("aesKey", true)]
    [InlineData("cache_key", false)] // a non-secret word wins
    [InlineData("etag", false)]
    [InlineData("jitter", false)]
    [InlineData("token_cache", false)]
    [InlineData("next_token", false)]
    [InlineData("key", null)] // a dict or sort key says nothing
    [InlineData("user_id", false)]
    [InlineData("filename", false)]
    [InlineData("tokenize", null)] // whole words only
    [InlineData("result", null)]
    public void SaysSecret_reads_the_words_of_a_name(string identifier, bool? expected) => Assert.Equal(expected, SecurityWords.SaysSecret(identifier));

    [Theory]
    [InlineData("is_admin", true)]
    [InlineData("has_perm", true)]
    [InlineData("verify_signature", true)]
    [InlineData("csrf_ok", true)]
    [InlineData("isinstance", false)]
    [InlineData("position", false)]
    public void NamesGuard_reads_the_words_of_a_name(string identifier, bool expected) => Assert.Equal(expected, SecurityWords.NamesGuard(identifier));

    [Theory]
    [InlineData("hunter2x9", true)]
    [InlineData("s3cr3t", true)]
    [InlineData("ghp_1a2b3c", true)]
    [InlineData("admin", true)]
    [InlineData("abc", false)] // too short
    [InlineData("two words", false)] // prose
    [InlineData("********", false)] // a mask
    [InlineData("xxxx", false)]
    [InlineData("<password>", false)] // placeholders
    [InlineData("{token}", false)]
    [InlineData("${DB_PASSWORD}", false)]
    [InlineData("%s", false)]
    [InlineData("%(password)s", false)]
    [InlineData("changeme", false)]
    [InlineData("your_api_key", false)]
    [InlineData("dummy1", false)]
    [InlineData("/etc/secret", false)] // paths
    [InlineData("~/.netrc", false)]
    [InlineData("./key.pem", false)]
    [InlineData("password", false)] // a label naming the field
    [InlineData("next_token", false)]
    [InlineData("NextToken", false)]
    [InlineData("PUBLIC_KEY_AND_PASSWORD", false)]
    [InlineData("Bearer", true)] // a label, but not one naming a secret
    public void LooksLikeSecret(string value, bool expected) => Assert.Equal(expected, PasswordNames.LooksLikeSecret(value));

    [Theory]
    [InlineData("letmein1", true)]
    [InlineData("t0ps3cret", true)]
    [InlineData("letmein", false)] // no digit
    [InlineData("123456", false)] // no letter
    [InlineData("a1b2c", false)] // too short
    [InlineData("(", false)]
    public void Comparisons_need_a_strong_secret_shape(string value, bool expected) => Assert.Equal(expected, PasswordNames.LooksStronglyLikeSecret(value));

    [Fact]
    public void Reportable_values_follow_the_mode()
    {
        Assert.True(PasswordNames.IsReportableValue("", banditCompatible: true, "password"));
        Assert.False(PasswordNames.IsReportableValue("", banditCompatible: false, "password"));
        Assert.True(PasswordNames.IsReportableValue("hunter2x9", banditCompatible: false, "password"));
        Assert.False(PasswordNames.IsReportableValue("hunter2x9", banditCompatible: false, "next_token"));
        Assert.False(PasswordNames.IsReportableValue("letmein", banditCompatible: false, "token", comparison: true));
        Assert.True(PasswordNames.IsReportableValue("letmein1", banditCompatible: false, "token", comparison: true));
    }
}
