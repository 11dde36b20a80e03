using System.Collections.Frozen;
using Kingsnake.Code.Rules.Beyond;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>Every code rule, and Bandit's test ids and names (for <c># nosec</c> words and configs).</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<CodeRule> All { get; } =
    [
        new AssertUsed(),
        new ExecUsed(),
        new BindAllInterfaces(),
        new HardcodedPasswordString(),
        new HardcodedPasswordArgument(),
        new HardcodedPasswordDefault(),
        new HardcodedTmpDirectory(),
        new TryExceptPass(),
        new TryExceptContinue(),
        new RequestWithoutTimeout(),
        new FlaskDebugTrue(),
        new TarfileUnsafeMembers(),
        new PickleCall(),
        new MarshalCall(),
        new EvalCall(),
        new WeakHash(),
        new PickleImport(),
        new RequestWithoutCertValidation(),
        new YamlLoad(),
        new SubprocessWithShell(),
        new SubprocessWithoutShell(),
        new OtherFunctionWithShell(),
        new StartProcessWithShell(),
        new StartProcessWithoutShell(),
        new StartProcessWithPartialPath(),
        new SqlStringBuilding(),
        new TorchLoad(),
        new WeakHashLibraryCall(),
        new WeakCipher(),
        new EcbMode(),
        new MktempCall(),
        new MarkSafeCall(),
        new UrlopenCall(),
        new InsecureRandom(),
        new TelnetCall(),
        new XmlCElementTree(),
        new XmlElementTree(),
        new XmlExpatReader(),
        new XmlExpatBuilder(),
        new XmlSax(),
        new XmlMinidom(),
        new XmlPulldom(),
        new FtpCall(),
        new UnverifiedSslContext(),
        new TelnetlibImport(),
        new FtplibImport(),
        new SubprocessImport(),
        new XmlEtreeImport(),
        new XmlSaxImport(),
        new XmlExpatImport(),
        new XmlMinidomImport(),
        new XmlPulldomImport(),
        new XmlrpcImport(),
        new HttpoxyImport(),
        new PycryptoImport(),
        new PyghmiImport(),
        new PermissiveChmod(),
        new InsecureLoggingListen(),
        new ParamikoExecCommand(),
        new SshMissingHostKey(),
        new SnmpInsecureVersion(),
        new SnmpWeakCryptography(),
        new MakoTemplate(),
        new SslBadVersion(),
        new SslBadDefaults(),
        new SslNoVersion(),
        new WeakCryptographicKey(),
        new Jinja2AutoescapeOff(),
        new WildcardInjection(),
        new DjangoExtra(),
        new DjangoRawSql(),
        new TrojanSource(),
        new DjangoMarkSafe(),
        new MarkupXss(),
        new HuggingfaceUnpinned(),

        // Beyond Bandit: real Python CVE patterns Bandit misses (each rule's help names its advisories).
        new TarExtractWithoutFilter(),
        new UnpackArchiveWithoutFilter(),
        new ArchiveMemberPathWrite(),
        new YamlUnsafeLoad(),
        new SslWrapSocketUnverified(),
        new XmlrpcDottedNames(),
        new XmlSaxExternalEntities(),
        new PredictableTempPath(),
        new RequestPathTraversal(),
        new SyntaxNewerThanSupportedPython(),
    ];

    public static IReadOnlyList<Rule> Descriptors { get; } = [.. All.Select(r => r.Descriptor).OrderBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The code area: insecure Python code, with Bandit's and ruff's ids as aliases.</summary>
    public static AuditArea AuditArea { get; } = new(Engine.CodeAuditor.AreaName, "Python code", Descriptors);

    /// <summary>Bandit's live test names by id (HEAD 1.9.x), implemented here or not, so nosec words resolve as Bandit resolves them.</summary>
    public static FrozenDictionary<string, string> BanditNames { get; } = new Dictionary<string, string>
    {
        ["B101"] = "assert_used",
        ["B102"] = "exec_used",
        ["B103"] = "set_bad_file_permissions",
        ["B104"] = "hardcoded_bind_all_interfaces",
        ["B105"] = "hardcoded_password_string",
        ["B106"] = "hardcoded_password_funcarg",
        ["B107"] = "hardcoded_password_default",
        ["B108"] = "hardcoded_tmp_directory",
        ["B110"] = "try_except_pass",
        ["B112"] = "try_except_continue",
        ["B113"] = "request_without_timeout",
        ["B201"] = "flask_debug_true",
        ["B202"] = "tarfile_unsafe_members",
        ["B324"] = "hashlib",
        ["B501"] = "request_with_no_cert_validation",
        ["B502"] = "ssl_with_bad_version",
        ["B503"] = "ssl_with_bad_defaults",
        ["B504"] = "ssl_with_no_version",
        ["B505"] = "weak_cryptographic_key",
        ["B506"] = "yaml_load",
        ["B507"] = "ssh_no_host_key_verification",
        ["B508"] = "snmp_insecure_version",
        ["B509"] = "snmp_weak_cryptography",
        ["B601"] = "paramiko_calls",
        ["B602"] = "subprocess_popen_with_shell_equals_true",
        ["B603"] = "subprocess_without_shell_equals_true",
        ["B604"] = "any_other_function_with_shell_equals_true",
        ["B605"] = "start_process_with_a_shell",
        ["B606"] = "start_process_with_no_shell",
        ["B607"] = "start_process_with_partial_path",
        ["B608"] = "hardcoded_sql_expressions",
        ["B609"] = "linux_commands_wildcard_injection",
        ["B610"] = "django_extra_used",
        ["B611"] = "django_rawsql_used",
        ["B612"] = "logging_config_insecure_listen",
        ["B613"] = "trojansource",
        ["B614"] = "pytorch_load",
        ["B615"] = "huggingface_unsafe_download",
        ["B701"] = "jinja2_autoescape_false",
        ["B702"] = "use_of_mako_templates",
        ["B703"] = "django_mark_safe",
        ["B704"] = "markupsafe_markup_xss",
        ["B301"] = "pickle",
        ["B302"] = "marshal",
        ["B303"] = "md5",
        ["B304"] = "ciphers",
        ["B305"] = "cipher_modes",
        ["B306"] = "mktemp_q",
        ["B307"] = "eval",
        ["B308"] = "mark_safe",
        ["B310"] = "urllib_urlopen",
        ["B311"] = "random",
        ["B312"] = "telnetlib",
        ["B313"] = "xml_bad_cElementTree",
        ["B314"] = "xml_bad_ElementTree",
        ["B315"] = "xml_bad_expatreader",
        ["B316"] = "xml_bad_expatbuilder",
        ["B317"] = "xml_bad_sax",
        ["B318"] = "xml_bad_minidom",
        ["B319"] = "xml_bad_pulldom",
        ["B321"] = "ftplib",
        ["B323"] = "unverified_context",
        ["B401"] = "import_telnetlib",
        ["B402"] = "import_ftplib",
        ["B403"] = "import_pickle",
        ["B404"] = "import_subprocess",
        ["B405"] = "import_xml_etree",
        ["B406"] = "import_xml_sax",
        ["B407"] = "import_xml_expat",
        ["B408"] = "import_xml_minidom",
        ["B409"] = "import_xml_pulldom",
        ["B411"] = "import_xmlrpclib",
        ["B412"] = "import_httpoxy",
        ["B413"] = "import_pycrypto",
        ["B415"] = "import_pyghmi",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> IdByBanditName =
        BanditNames.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>True for Bandit's blacklist tests (B3xx calls, B4xx imports), which <c>B001</c> names together.</summary>
    public static bool IsBlacklist(string banditId) => banditId.Length == 4 && banditId[1] is '3' or '4';

    /// <summary>
    /// The Bandit test id a word of a <c># nosec</c> comment names: a test id (any case), a Bandit test name, or
    /// (a Kingsnake extension) one of our rule ids or ruff codes. Null for any other word, which Bandit drops.
    /// </summary>
    public static string? BanditIdOf(string word)
    {
        if (word.Length == 4 && word[0] is 'B' or 'b' && char.IsAsciiDigit(word[1]) && char.IsAsciiDigit(word[2]) && char.IsAsciiDigit(word[3]))
        {
            var id = word.ToUpperInvariant();
            return BanditNames.ContainsKey(id) ? id : null;
        }

        if (IdByBanditName.TryGetValue(word, out var byName))
        {
            return byName;
        }

        foreach (var rule in All)
        {
            if (rule.Descriptor.IsNamedBy(word))
            {
                return rule.BanditId;
            }
        }

        return null;
    }
}
