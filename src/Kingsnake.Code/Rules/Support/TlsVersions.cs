namespace Kingsnake.Code.Rules.Support;

/// <summary>The SSL/TLS protocol constants Bandit's <c>bad_protocol_versions</c> names by default (all broken or deprecated).</summary>
internal static class TlsVersions
{
    private static readonly string[] Bad =
    [
        "PROTOCOL_SSLv2", "SSLv2_METHOD", "SSLv23_METHOD", "PROTOCOL_SSLv3", "PROTOCOL_TLSv1", "SSLv3_METHOD",
        "TLSv1_METHOD", "PROTOCOL_TLSv1_1", "TLSv1_1_METHOD",
    ];

    public static bool IsBad(string? constant) => constant is not null && Array.IndexOf(Bad, constant) >= 0;

    /// <summary>The protocol a constant names, for messages (<c>PROTOCOL_TLSv1_1</c> is TLS 1.1).</summary>
    public static string Protocol(string constant) => constant switch
    {
        "PROTOCOL_SSLv2" or "SSLv2_METHOD" => "SSL 2",
        "PROTOCOL_SSLv3" or "SSLv3_METHOD" => "SSL 3",
        "SSLv23_METHOD" => "SSL 2/3 negotiation",
        "PROTOCOL_TLSv1" or "TLSv1_METHOD" => "TLS 1.0",
        _ => "TLS 1.1",
    };
}
