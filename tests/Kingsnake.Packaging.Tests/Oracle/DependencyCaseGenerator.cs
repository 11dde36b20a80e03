using System.Text;
using System.Text.Json.Nodes;

namespace Kingsnake.Packaging.Tests.Oracle;

/// <summary>Deterministic requirement, marker, environment and name inputs for the differential tests.</summary>
internal static class DependencyCaseGenerator
{
    private static readonly int Seed = 508685;

    public static readonly string[] Variables =
    [
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform", "platform_release",
        "platform_system", "platform_version", "platform.version", "platform_machine", "platform.machine",
        "platform_python_implementation", "platform.python_implementation", "python_implementation", "implementation_name",
        "implementation_version", "extra",
    ];

    private static readonly string[] MarkerOperators = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"];

    private static readonly string[] Values =
    [
        "3.8", "3.11", "3.11.7", "3.13.0", "3", "3.*", "3.11.*", "2.7", "3.10", "3.9.0rc1", "3.13.0+local", "posix", "nt", "linux", "win32",
        "darwin", "Linux", "Windows", "Darwin", "x86_64", "AMD64", "arm64", "aarch64", "CPython", "PyPy", "cpython", "pypy", "test", "Test_X",
        "foo.bar", "Foo.Bar", "doc-s", "", " ", "6.18.44-fc-v657", "5.0", "7.3.13", "1.0", "a", "x86", "64", " 3.8", "3.8 ", "lin",
        "3.8 3.9", "\u00e9t\u00e9", "ΣΑΣ", "v3.8", "3.8.*", "1!3.8", ">=3.8",
    ];

    public static readonly string[] EdgeMarkers =
    [
        "os_name == \"posix\"", "os_name=='posix'", "python_version >= \"3.8\"", "python_version>\"3.8\" and sys_platform==\"win32\"",
        "python_version < \"3.8\" or python_version >= \"3.11\" and os_name == \"nt\"", "(os_name == \"a\" or os_name == \"posix\") and python_version > \"3\"",
        "((os_name == \"posix\"))", "((os_name == \"a\" or os_name == \"b\")) and python_version > \"3\"", "(((os_name == \"nt\")) or (python_version < \"3\"))",
        "extra == \"Foo_Bar\"", "extra == 'foo-bar'", "\"Foo.Bar\" == extra", "extra == os_name", "os_name == extra", "os_name == \"x\" and extra == \"Foo_Bar\"",
        "extra != \"test\"", "extra in \"test doc\"", "\"test\" in extra", "os_name == \"1.0\"", "platform_release >= \"5.0\"", "os_name === \"posix\"",
        "os_name ~= \"abc\"", "python_version ~= \"3.8\"", "python_version === \"3.11\"", "python_full_version === \"3.11.7\"", "\"a\" == \"b\"",
        "\"a\" == \"os_name\"", "python_version == python_full_version", "\"3.8\" == \"python_version\"", "python_version in \"3.8 3.9 3.11\"",
        "python_version not in \"3.8\"", "python_version not  in \"3.8\"", "python_version not\tin \"3.8\"", "python_version notin \"3.8\"",
        "python_version<\"3.8\"andos_name==\"x\"", "python_version<\"3.8\"and os_name==\"x\"", "python_version<\"3.8\" and(os_name==\"x\")",
        "os.name == \"posix\"", "sys.platform == \"linux\"", "platform.python_implementation == \"CPython\"", "python_implementation == \"CPython\"",
        "platform.version == \"x\"", "platform.machine == \"x86_64\"", "platform_version", "", " ", "()", "( )", "(os_name == \"a\"", "os_name == \"a\")",
        "os_name = \"a\"", "os_name == \"a\\nb\"", "os_name == 'a\"b'", "os_name == \"a\\\"", "os_name == \"\\x41\\101\\u0042\\U00000043\"", "os_name == \"\\q\"",
        "os_name == \"\\x4\"", "os_name == \"a\nb\"", "os_name == \"a\\\nb\"", "os_name == \"\\N{BULLET}\"".Replace("\\N{BULLET}", "\\t", StringComparison.Ordinal),
        "OS_NAME == \"a\"", "os_name == \"a\" AND os_name == \"b\"", "os_name == \"a\" or", "os_name == \"a\" or or", "and os_name == \"a\"",
        "implementation_version >= \"3.8\"", "python_full_version < \"3.13.0+local\"", "python_full_version >= \"3.13\"", "python_version == \"3.11.*\"",
        "python_version != \"3.*\"", "python_version == \"3.11+local\"", "python_version > \"3.11.0\"", "python_full_version > \"3.11.7\"",
        "os_name == \"posix\";", "os_name == \"posix\" ;x", "os_name == \"posix\"\n", "os_name\n== \"posix\"", "os_name ==\t\"posix\"",
        "\tos_name == \"posix\"\t", "os_name == \"posix\"  and  os_name == \"posix\"", "os_names == \"posix\"", "os_name_x == \"posix\"", "os__name == \"a\"",
        "python_version <= '3.8' or python_version >= '3.13' or python_version == '3.11'", "sys_platform == \"linux\" and platform_machine == \"x86_64\"",
        "platform_system != \"Windows\" and platform_python_implementation == \"CPython\"", "implementation_name == \"cpython\"",
        "python_version >= \"3\" and python_version < \"4\" and extra == \"test\"", "extra == \"\"", "extra == \" \"", "extra == \"Test_X\" or extra == \"DOC-S\"",
        "python_version in \"3.11\"", "python_version > \"3.1\"", "python_version > \"3.10\"", "python_version < \"3.9.0rc1\"", "python_full_version < \"3.9.0\"",
        "'3.8' < python_version", "'3.8' in python_version", "\"lin\" in sys_platform", "sys_platform < \"m\"", "\"ΣΑΣ\" < os_name",
        new string('(', 150) + "os_name == \"posix\"" + new string(')', 150), new string('(', 100_000) + "os_name == \"a\"" + new string(')', 100_000),
        new string('(', 100_000), string.Concat(Enumerable.Repeat("os_name == \"a\" or ", 2000)) + "os_name == \"posix\"",
    ];

    public static IEnumerable<string> Markers(int randomCount)
    {
        foreach (var edge in EdgeMarkers)
        {
            yield return edge;
        }

        var random = new Random(Seed);
        for (var i = 0; i < randomCount; i++)
        {
            var marker = RandomMarker(random, random.Next(0, 3));
            yield return random.Next(6) == 0 ? CaseGenerator.Mutate(random, marker) : marker;
        }
    }

    public static string RandomMarker(Random random, int depth)
    {
        var builder = new StringBuilder();
        var terms = random.Next(1, depth > 0 ? 4 : 3);
        for (var i = 0; i < terms; i++)
        {
            if (i > 0)
            {
                builder.Append(Space(random, required: true)).Append(CaseGenerator.Pick(random, "and", "or", "and", "or", "And")).Append(Space(random, required: true));
            }

            if (depth > 0 && random.Next(3) == 0)
            {
                builder.Append('(').Append(Space(random)).Append(RandomMarker(random, depth - 1)).Append(Space(random)).Append(')');
            }
            else
            {
                builder.Append(RandomComparison(random));
            }
        }

        return builder.ToString();
    }

    private static string RandomComparison(Random random)
    {
        var variable = CaseGenerator.Pick(random, Variables);
        var value = random.Next(8) == 0 ? CaseGenerator.RandomVersion(random).Trim()
            : random.Next(3) > 0 ? TypicalValue(random, variable) : CaseGenerator.Pick(random, Values);
        var quote = random.Next(3) == 0 ? '\'' : '"';
        var quoted = quote + value.Replace(quote.ToString(), string.Empty, StringComparison.Ordinal) + quote;
        var op = CaseGenerator.Pick(random, MarkerOperators);
        var (left, right) = random.Next(5) == 0 ? (quoted, variable) : (variable, quoted);
        if (random.Next(25) == 0)
        {
            (left, right) = random.Next(2) == 0 ? (variable, CaseGenerator.Pick(random, Variables)) : (quoted, quoted);
        }

        return left + Space(random) + op + Space(random) + right;
    }

    // A value of the kind the variable holds, so that most comparisons evaluate instead of raising.
    private static string TypicalValue(Random random, string variable) => variable switch
    {
        "python_version" or "python_full_version" or "implementation_version" =>
            CaseGenerator.Pick(random, "3.8", "3.11", "3.11.7", "3.13.0", "3", "3.*", "3.11.*", "2.7", "3.10", "3.9.0rc1", "3.13.0+local", "3.10.13", "7.3"),
        "extra" => CaseGenerator.Pick(random, "test", "Test_X", "doc-s", "DOC.S", "foo.bar", "Foo.Bar", "", "security"),
        "platform_release" or "platform_version" or "platform.version" => CaseGenerator.Pick(random, "6.8.0", "10", "23.6.0", "#1", "6.18.44-fc-v657", "5", ""),
        _ => CaseGenerator.Pick(random, "posix", "nt", "linux", "win32", "darwin", "cygwin", "Linux", "Windows", "Darwin", "x86_64", "AMD64", "arm64",
            "aarch64", "CPython", "PyPy", "cpython", "pypy", "lin", "i686", ""),
    };

    private static string Space(Random random, bool required = false) => random.Next(5) switch
    {
        0 when !required => string.Empty,
        1 => "  ",
        2 when random.Next(4) == 0 => "\t",
        _ => " ",
    };

    /// <summary>Full environments (every key), so the oracle's answers do not depend on the machine it runs on.</summary>
    public static readonly JsonObject[] Environments =
    [
        Environment("cpython", "3.11.7", "posix", "x86_64", "6.8.0-45-generic", "Linux", "#45-Ubuntu SMP", "3.11.7", "CPython", "3.11", "linux", ""),
        Environment("cpython", "3.8.10", "nt", "AMD64", "10", "Windows", "10.0.19045", "3.8.10", "CPython", "3.8", "win32", "test"),
        Environment("cpython", "3.13.0", "posix", "arm64", "23.6.0", "Darwin", "Darwin Kernel Version 23.6.0", "3.13.0", "CPython", "3.13", "darwin", "Foo.Bar"),
        Environment("pypy", "7.3.13", "posix", "aarch64", "5.15.0", "Linux", "#1 SMP", "3.10.13", "PyPy", "3.10", "linux", "doc_s"),
        Environment("cpython", "3.13.0+local", "posix", "x86_64", "6.18.44-fc-v657", "Linux", "#1", "3.13.0+local", "CPython", "3.13", "linux", "Test.X"),
        Environment("cpython", "3.9.0rc1", "posix", "i686", "", "", "", "3.9.0rc1", "CPython", "3.9", "cygwin", " "),
    ];

    private static JsonObject Environment(
        string implementationName, string implementationVersion, string osName, string machine, string release, string system, string version,
        string fullVersion, string implementation, string pythonVersion, string sysPlatform, string extra) => new()
        {
            ["implementation_name"] = implementationName,
            ["implementation_version"] = implementationVersion,
            ["os_name"] = osName,
            ["platform_machine"] = machine,
            ["platform_release"] = release,
            ["platform_system"] = system,
            ["platform_version"] = version,
            ["python_full_version"] = fullVersion,
            ["platform_python_implementation"] = implementation,
            ["python_version"] = pythonVersion,
            ["sys_platform"] = sysPlatform,
            ["extra"] = extra,
        };

    public static readonly string[] EdgeRequirements =
    [
        "name", "Name", "name ", " name", "\tname\t", "name\n", "name\n\n", "na me", "name>=1.0", "name >= 1.0", "name>= 1.0", "name(>=1.0)", "name (>=1.0, <2)",
        "name ( >=1.0 , <2 )", "name (>=1.0", "name >=1.0)", "name[extra]", "name[ extra1 , extra2 ]", "name[extra1 extra2]", "name[extra1,]", "name[]", "name[",
        "name[ ]", "name[b,a,b]", "name[Extra_One,extra-one]", "name[a]>=1", "name[a] (>=1)", "name [a] >= 1 ; python_version < \"3.8\"",
        "name @ https://example.com/x.whl", "name@https://x", "name@ https://x", "name @https://x", "name @ https://x ; python_version<'3.8'",
        "name @ https://x; python_version<'3.8'", "name @ https://x ;python_version<'3.8'", "name @ https://x extra", "name @", "name @ ", "name @ https://x ",
        "name @ file:///tmp/x.tar.gz", "name[a] @ git+https://github.com/o/r.git@v1.0#egg=name", "name @ https://x\n", "name @ https://x\t; os_name=='a'",
        "name>=1.0;python_version<'3.8'", "name>=1.0 ; extra == 'Test_X'", "name>=1.0;extra=='Test_X' and os_name=='posix'", "name==1.0.*", "name>=1.0.*",
        "name>=1.0+local", "name==1.0+local", "name!=1.0+local", "name==1.0+LOCAL", "name===1.0,>=2", "name===,foo", "name===1.0;os_name=='a'",
        "name===1.0 ; os_name=='a'", "name=== 1.0", "name~=1", "name~=1.0", "name>=1.0,", "name>=1.0,,<2", "name>=1.0 <2", "name>=1.0, <2",
        "name >=1.0 ,<2", "-name", "name-", "name.", "name_", "_name", "na_me", "na.me", "na--me", "name-\u00e9", "name\u00e9", "\u00e9name",
        "1name", "1", "name==1.0abc", "name==1.0 abc", "name (==1.0", "name ==1.0)", "name; os_name=='a'", "name;", "name ;", "name ; ", "name;;",
        "name==v1.0", "name==V1.0.*", "name>=1.0a", "name>=1.0prev\u0130ew", "name==1.0.po\u017ft1", "name>=\u00a01.0", "name>=1.0\u00a0",
        "name>=1.0\u3000;os_name=='a'", "name==1.0\n", "name==1.0\n;os_name=='a'", "name (>=1.0) ; extra == \"FOO\"",
        "name[extra] (>=1.0,<2.0,!=1.5.*) ; python_version >= \"3.8\" and (sys_platform == \"win32\" or extra == 'Doc')",
        "name ; (python_version < '3' or python_version > '3.8') and os_name == 'nt'", "name ; ((python_version < '3'))",
        "name>=1.0 ;", "name>=1.0 ; os_name", "name>=1.0 ; os_name ==", "name>=1.0 ; os_name == posix", "name ==", "name >", "name > ",
        "name (== 1.0)", "name ( == 1.0 )", "name(==1.0)(>=2)", "name[a]@https://x", "name[a] @ https://x ; extra == 'x'", "", " ", "@ https://x", "[a]",
        "name ; " + new string('(', 100_000), "name ; " + new string('(', 150) + "os_name == 'a'" + new string(')', 150),
    ];

    public static IEnumerable<string> Requirements(int randomCount)
    {
        foreach (var edge in EdgeRequirements)
        {
            yield return edge;
        }

        var random = new Random(Seed + 1);
        for (var i = 0; i < randomCount; i++)
        {
            var requirement = RandomRequirement(random);
            yield return random.Next(5) == 0 ? CaseGenerator.Mutate(random, requirement) : requirement;
        }
    }

    private static string RandomRequirement(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(10) == 0)
        {
            builder.Append(' ');
        }

        builder.Append(CaseGenerator.Pick(random, "requests", "Django", "zope.interface", "typing_extensions", "ruamel.yaml.clib", "a", "A-B_c.D", "x1", "pkg-name"));
        builder.Append(Space(random));
        if (random.Next(4) == 0)
        {
            var extras = Enumerable.Range(0, random.Next(0, 3)).Select(_ => CaseGenerator.Pick(random, "security", "socks", "Test_X", "doc-s", "a.b", "all"));
            builder.Append('[').Append(Space(random)).Append(string.Join(CaseGenerator.Pick(random, ",", ", ", " ,"), extras)).Append(Space(random)).Append(']');
            builder.Append(Space(random));
        }

        if (random.Next(8) == 0)
        {
            builder.Append('@').Append(Space(random, required: random.Next(2) == 0))
                .Append(CaseGenerator.Pick(random, "https://files.example/p-1.0-py3-none-any.whl", "git+https://example/r.git@main", "file:///src/p", "./local"));
            if (random.Next(2) == 0)
            {
                builder.Append(Space(random, required: true)).Append(';').Append(Space(random)).Append(RandomMarker(random, 1));
            }

            return builder.ToString();
        }

        var specifier = CaseGenerator.RandomSpecifierSet(random);
        if (specifier.Length > 0 && random.Next(4) == 0)
        {
            specifier = "(" + specifier + ")";
        }

        builder.Append(specifier);
        if (random.Next(3) == 0)
        {
            builder.Append(Space(random)).Append(';').Append(Space(random)).Append(RandomMarker(random, random.Next(0, 2)));
        }

        return builder.ToString();
    }

    public static IEnumerable<string> Names(int randomCount)
    {
        string[] edges =
        [
            "", "a", "A", "Django", "zope.interface", "ruamel.yaml", "typing_extensions", "A__B", "a-_-b", "a..b", "-a", "a-", ".a", "a.", "_", "-", "a b",
            "a\n", "a\n\n", "\na", "\u0130stanbul", "K\u212aelvin", "lo\u017fs", "\u0131i", "ΣΑΣ", "ΑΣ.Β", "aΣ", "Σ", "straße", "ǅemal", "ﬁle", "ΌΣΟΣ", "x\u0301Σ",
            "Über-Package", "ＦＵＬＬ", "\u0661\u0662", "café.Crème", "a\u00a0b", "name-é", "a--b", "A.B-C_D",
        ];
        foreach (var edge in edges)
        {
            yield return edge;
        }

        var random = new Random(Seed + 2);
        const string alphabet = "abcXYZ019-_.- \u0130\u0131\u017f\u212aΣσςΑéÉßǅ";
        for (var i = 0; i < randomCount; i++)
        {
            var length = random.Next(1, 12);
            var builder = new StringBuilder();
            for (var j = 0; j < length; j++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            yield return builder.ToString();
        }
    }
}
