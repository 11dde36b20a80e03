using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>
/// Kingsnake mode reports a finding only where a reviewer would act on it (issue 12). For every rule judged in
/// context, both sides on realistic code: the security-relevant use is reported, the benign one is not, and Bandit
/// mode still reports both.
/// </summary>
public class ContextJudgementTests
{
    private static void BothSides(string banditId, string reported, string benign)
    {
        var line = reported.TrimEnd('\n').Count(c => c == '\n') + 1;
        Assert.Equal([line], Scanner.Lines(banditId, reported));
        Assert.Empty(Scanner.Lines(banditId, benign));
        Assert.Equal([line], Scanner.Lines(banditId, reported, CodeCompatibility.Bandit));
        Assert.NotEmpty(Scanner.Lines(banditId, benign, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n", "import hashlib\ndef respond(body):\n    etag = hashlib.md5(body).hexdigest()\n")]
    [InlineData("import hashlib\nreset_token = hashlib.sha1(os.urandom(16)).hexdigest()\n", "import hashlib\ncache_key = hashlib.sha1(url.encode()).hexdigest()\n")]
    [InlineData("import hashlib\ndef sign(payload):\n    return hashlib.md5(payload).hexdigest()\n", "import hashlib\ndef file_checksum(data):\n    return hashlib.md5(data).hexdigest()\n")]
    public void Weak_hash_only_where_it_protects_a_secret(string reported, string benign)
    {
        BothSides("B324", reported, benign);
        Assert.Equal(Severity.Medium, Scanner.Single("B324", reported).Severity);
        Assert.Equal(Severity.High, Scanner.Single("B324", reported, CodeCompatibility.Bandit).Severity);
    }

    [Theory]
    [InlineData("import random\ntoken = ''.join(random.choice(letters) for _ in range(32))\n", "import random\njitter = random.uniform(0, 0.5)\n")]
    [InlineData("import random\ndef make_password():\n    return random.randint(100000, 999999)\n", "import random\ndef pick_color():\n    return random.choice(COLORS)\n")]
    [InlineData("import random\nsession = Session(nonce=random.getrandbits(64))\n", "import random\ntime.sleep(backoff * random.random())\n")]
    [InlineData("import random\nuser.api_key = random.randbytes(16).hex()\n", "import random\nboundary = '%030x' % random.randrange(16 ** 30)\n")]
    public void Random_draw_only_where_it_becomes_a_secret(string reported, string benign) => BothSides("B311", reported, benign);

    [Theory]
    [InlineData("def delete(user):\n    assert user.is_admin\n", "def render(x):\n    assert isinstance(x, str)\n")]
    [InlineData("def view(request):\n    assert request.user.has_perm('app.delete')\n", "def parse(node):\n    assert node.parent is not None\n")]
    [InlineData("def handle(msg):\n    assert verify_signature(msg)\n", "def step(self):\n    assert self._pos <= len(self._buf)\n")]
    [InlineData("def post(form):\n    assert form.csrf_token_valid\n", "def f(a, b):\n    assert isinstance(a, int) and b is not None\n")]
    [InlineData("def connect(host):\n    assert host in TRUSTED_HOSTS\n", "def connect(server_hostname):\n    assert server_hostname is None or isinstance(server_hostname, str)\n")] // asyncio/unix_events.py
    public void Assert_only_where_it_guards_who_may_do_what(string reported, string benign) => BothSides("B101", reported, benign);

    [Fact]
    public void Assert_narrowing_a_guard_is_still_narrowing()
    {
        // isinstance over a guard-named value is type narrowing, not an authorization check.
        Assert.Empty(Scanner.Lines("B101", "assert isinstance(user.is_admin, bool)\n"));
        Assert.Equal([1], Scanner.Lines("B101", "assert user.is_admin or user.is_staff\n"));
    }

    [Theory]
    [InlineData("try:\n    verify_signature(payload, sig)\nexcept Exception:\n    pass\n", "try:\n    os.remove(tmp_path)\nexcept OSError:\n    pass\n")]
    [InlineData("try:\n    check_permission(user, 'write')\nexcept:\n    pass\n", "try:\n    import ujson as json\nexcept ImportError:\n    pass\n")]
    public void Swallowed_error_only_around_a_guard(string reported, string benign)
    {
        var line = 3;
        Assert.Equal([line], Scanner.Lines("B110", reported));
        Assert.Empty(Scanner.Lines("B110", benign));
        Assert.Equal([line], Scanner.Lines("B110", reported, CodeCompatibility.Bandit));

        // Bandit mode reports an untyped handler in the benign case too; a typed one only with check_typed_exception.
        Assert.Equal([3], Scanner.Lines("B110", benign.Replace("except OSError:", "except Exception:", StringComparison.Ordinal).Replace("except ImportError:", "except:", StringComparison.Ordinal), CodeCompatibility.Bandit));
    }

    [Fact]
    public void Swallowed_continue_only_around_a_guard()
    {
        const string reported = "for cert in chain:\n    try:\n        validate(cert)\n    except Exception:\n        continue\n";
        const string benign = "for path in paths:\n    try:\n        sizes.append(os.path.getsize(path))\n    except Exception:\n        continue\n";
        Assert.Equal([4], Scanner.Lines("B112", reported));
        Assert.Empty(Scanner.Lines("B112", benign));
        Assert.Equal([4], Scanner.Lines("B112", benign, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("import socket\nsock = socket.socket()\nsock.bind((\"0.0.0.0\", 80))\n", "def is_wildcard(host):\n    return host in {\"0.0.0.0\", \"::\"}\n")]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run(host=\"0.0.0.0\")\n", "if host == \"0.0.0.0\":\n    print('listening everywhere')\n")]
    [InlineData("def serve(app, host=\"0.0.0.0\", port=8000):\n    pass\n", "def describe(addr):\n    return {\"0.0.0.0\": \"all interfaces\"}.get(addr, addr)\n")]
    [InlineData("import http.server\nhttp.server.HTTPServer((\"0.0.0.0\", 8000), Handler)\n", "ANY = \"0.0.0.0\"\n")]
    public void Bind_all_only_where_something_binds(string reported, string benign)
    {
        var line = reported.TrimEnd('\n').Count(c => c == '\n') + 1;
        if (reported.StartsWith("def serve", StringComparison.Ordinal))
        {
            line = 1;
        }

        Assert.Equal([line], Scanner.Lines("B104", reported));
        Assert.Empty(Scanner.Lines("B104", benign));
        Assert.Equal([line], Scanner.Lines("B104", reported, CodeCompatibility.Bandit));
        Assert.NotEmpty(Scanner.Lines("B104", benign, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("lock = open(\"/tmp/app.lock\", \"w\")\n", "DEFAULT = \"/tmp\"\nparser.add_argument('--dir', help=f'work dir (default {DEFAULT})')\n")]
    [InlineData("import os\nos.makedirs(os.path.join(\"/tmp\", \"cache\"))\n", "if path.startswith(\"/tmp/\"):\n    warn(path)\n")]
    [InlineData("import pathlib\npathlib.Path(\"/tmp/out.json\").write_text(data)\n", "EXAMPLE = {\"path\": \"/tmp/example\"}\n")]
    [InlineData("import logging\nLOG = \"/tmp/app.log\"\nhandler = logging.FileHandler(LOG)\n", "LOG_HINT = \"/tmp/app.log\"\nprint(LOG_HINT)\n")]
    public void Tmp_path_only_where_a_file_call_gets_it(string reported, string benign)
    {
        var line = reported.Contains("LOG = ", StringComparison.Ordinal) ? 2 : reported.TrimEnd('\n').Count(c => c == '\n') + 1;
        Assert.Equal([line], Scanner.Lines("B108", reported));
        Assert.Empty(Scanner.Lines("B108", benign));
        Assert.Equal([line], Scanner.Lines("B108", reported, CodeCompatibility.Bandit));
        Assert.NotEmpty(Scanner.Lines("B108", benign, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("B105", "password = \"hunter2x9\"\n", "FIELDS = {\"input_token\": \"next_token\"}\n")]
    [InlineData("B105", "DB_PASSWORD = \"s3cr3t-Pa55\"\n", "password = \"<password>\"\n")]
    [InlineData("B105", "if token == \"t0ps3cret\":\n    grant()\n", "if token == \"(\":\n    depth += 1\n")]
    [InlineData("B105", "api_token = \"ghp_1a2b3c4d5e\"\n", "next_token = \"NextToken\"\n")]
    [InlineData("B106", "client = connect(user=\"app\", password=\"hunter2x9\")\n", "client = connect(user=\"app\", password=\"changeme\")\n")]
    [InlineData("B107", "def login(user, password=\"hunter2x9\"):\n    pass\n", "def login(user, password=\"********\"):\n    pass\n")]
    public void Hardcoded_secret_only_when_the_value_looks_like_one(string banditId, string reported, string benign)
    {
        Assert.Equal([1], Scanner.Lines(banditId, reported));
        Assert.Empty(Scanner.Lines(banditId, benign));
        Assert.Equal([1], Scanner.Lines(banditId, reported, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Pagination_and_parser_tokens_are_reported_in_bandit_mode_only()
    {
        const string code = "FIELDS = {\"input_token\": \"next_token\"}\nif token == \"(\":\n    depth += 1\n";
        Assert.Empty(Scanner.Lines("B105", code));
        Assert.Equal([1, 2], Scanner.Lines("B105", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Type_checking_block_is_not_walked_but_its_else_branch_is()
    {
        const string code = "from typing import TYPE_CHECKING\nimport pickle\nif TYPE_CHECKING:\n    pickle.loads(x)\nelse:\n    pickle.loads(y)\n";
        Assert.Equal([6], Scanner.Lines("B301", code));
        Assert.Equal([4, 6], Scanner.Lines("B301", code, CodeCompatibility.Bandit));

        // Through an alias and a `not`: the else of `if not TYPE_CHECKING` is the unreachable one.
        const string negated = "import typing as t\nimport pickle\nif not t.TYPE_CHECKING:\n    pickle.loads(x)\nelse:\n    pickle.loads(y)\n";
        Assert.Equal([4], Scanner.Lines("B301", negated));
    }

    [Fact]
    public void Python_2_branches_are_skipped_and_python_3_ones_walked()
    {
        const string code = "import sys\nif sys.version_info < (3,):\n    eval(raw_input())\nelse:\n    eval(input())\nif sys.version_info[0] == 2:\n    exec(a)\nif sys.version_info >= (3, 8):\n    exec(b)\n";
        Assert.Equal([5], Scanner.Lines("B307", code));
        Assert.Equal([9], Scanner.Lines("B102", code)); // a minor version may vary: walked
        Assert.Equal([3, 5], Scanner.Lines("B307", code, CodeCompatibility.Bandit));
        Assert.Equal([7, 9], Scanner.Lines("B102", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Eval_of_a_literal_bound_above_is_not_reported_and_eval_of_input_is()
    {
        const string code = "def check(user_input):\n    expected = '\"static\", \"shared\"'\n    eval(expected)\n    eval(user_input)\n";
        Assert.Equal([4], Scanner.Lines("B307", code));
        Assert.Equal([3, 4], Scanner.Lines("B307", code, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("code = 'x = 1'\nexec(code)\n")]
    [InlineData("a = 'print('\nexec(a + '1)')\n")]
    [InlineData("exec(f'{\"x\"} = 1')\n")]
    [InlineData("exec('import os; ' + 'os.getcwd()')\n")]
    [InlineData("parts = ['a', 'b']\nexec(' '.join(parts))\n")]
    [InlineData("x, y = 'a = 1', 2\nexec(x)\n")]
    public void Constant_folding_sees_values_fixed_by_the_source(string code)
    {
        Assert.Empty(Scanner.Lines("B102", code));
        Assert.NotEmpty(Scanner.Lines("B102", code, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("def run(code):\n    exec(code)\n")] // a parameter
    [InlineData("from config import code\nexec(code)\n")] // an import
    [InlineData("code = 'x = 1'\ncode = read()\nexec(code)\n")] // one binding is not constant
    [InlineData("code = 'x = 1'\nexec(code + suffix)\n")] // an unknown part
    [InlineData("code = 'x'\ndef code():\n    pass\nexec(code)\n")] // rebound by a def
    [InlineData("try:\n    pass\nexcept Exception as code:\n    pass\nexec(code)\n")] // rebound by an except target
    [InlineData("x, y = read(), 'a = 1'\nexec(x)\n")] // its own element is not constant
    [InlineData("exec(' '.join(argv))\n")]
    public void Constant_folding_keeps_values_from_elsewhere_unknown(string code) => Assert.NotEmpty(Scanner.Lines("B102", code));

    [Fact]
    public void Shell_and_subprocess_with_source_fixed_commands()
    {
        const string shell = "import os\nCLEAR = 'clear'\nos.system(CLEAR)\nos.system('rm -rf ' + target)\n";
        Assert.Equal([4], Scanner.Lines("B605", shell));
        Assert.Equal([3, 4], Scanner.Lines("B605", shell, CodeCompatibility.Bandit));

        const string subprocess = "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'pip', 'install', *packages])\ncmd = ['git', 'log']\ncmd.extend(args)\nsubprocess.run(cmd)\nsubprocess.run([tool, '--version'])\nsubprocess.run(argv)\n";
        Assert.Equal([6, 7], Scanner.Lines("B603", subprocess));
        Assert.Equal([2, 5, 6, 7], Scanner.Lines("B603", subprocess, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Partial_path_is_bandit_mode_only()
    {
        const string code = "import subprocess\nsubprocess.run(['git', 'status'])\n";
        Assert.Empty(Scanner.Lines("B607", code));
        Assert.Equal([2], Scanner.Lines("B607", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Markup_only_when_built_at_the_call()
    {
        const string code = "from markupsafe import Markup\nMarkup('<b>%s</b>' % name)\nMarkup('<i>' + title + '</i>')\nMarkup('<p>{}</p>'.format(bio))\nMarkup(escaped_html)\n";
        Assert.Equal([2, 3, 4], Scanner.Lines("B704", code));
        Assert.Equal([2, 3, 4, 5], Scanner.Lines("B704", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Test_code_runs_only_the_rules_that_apply_there()
    {
        const string code = "import pickle\npassword = \"hunter2x9\"\nassert user.is_admin\npickle.loads(blob)\naccess = 'none\u202e'\n";
        var inTests = Scanner.Findings(code, path: "tests/test_x.py");
        Assert.Equal(["B613"], inTests.Select(f => f.Rule.Aliases[0]));
        var inApp = Scanner.Findings(code).Select(f => f.Rule.Aliases[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "B105", "B101", "B301", "B613" }, inApp);

        // Bandit mode runs every test everywhere.
        var bandit = Scanner.Findings(code, CodeCompatibility.Bandit, path: "tests/test_x.py").Select(f => f.Rule.Aliases[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "B105", "B101", "B301", "B403", "B613" }, bandit);
    }

    [Theory]
    [InlineData("tests/test_x.py")]
    [InlineData("pkg/x_test.py")]
    [InlineData("conftest.py")]
    [InlineData("app/tests.py")]
    [InlineData("src/testing/helpers.py")]
    public void Secrets_in_test_files_are_not_reported(string path)
    {
        Assert.Empty(Scanner.Lines("B105", "password = \"hunter2x9\"\n", path: path));
        Assert.Equal([1], Scanner.Lines("B105", "password = \"hunter2x9\"\n", CodeCompatibility.Bandit, path: path));
    }

    [Fact]
    public void Pytest_testpaths_in_pyproject_mark_a_directory_as_tests()
    {
        using var tree = new TempTree()
            .Write("pyproject.toml", "[project]\nname = 'x'\n\n[tool.pytest.ini_options]\ntestpaths = [\"qa\"]\n")
            .Write("qa/check_login.py", "password = \"hunter2x9\"\n")
            .Write("app/settings.py", "password = \"hunter2x9\"\n");
        var scan = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app/settings.py"], scan.Findings.Where(f => f.Rule.Aliases.Contains("B105")).Select(f => f.Location.Path));

        var bandit = new CodeAuditor(new CodeAuditOptions { Compatibility = CodeCompatibility.Bandit }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app/settings.py", "qa/check_login.py"], bandit.Findings.Where(f => f.Rule.Aliases.Contains("B105")).Select(f => f.Location.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pytest_testpaths_in_pytest_ini_mark_a_directory_as_tests()
    {
        using var tree = new TempTree()
            .Write("pytest.ini", "[pytest]\ntestpaths =\n    qa\n    checks/\n")
            .Write("checks/login.py", "password = \"hunter2x9\"\n")
            .Write("app/settings.py", "password = \"hunter2x9\"\n");
        var scan = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app/settings.py"], scan.Findings.Where(f => f.Rule.Aliases.Contains("B105")).Select(f => f.Location.Path));
    }

    [Theory]
    [InlineData("tox.ini", "[tox]\nenvlist = py312\n\n[pytest]\ntestpaths = checks\n")]
    [InlineData("setup.cfg", "[metadata]\nname = x\n\n[tool:pytest]\ntestpaths =\n    checks\n")]
    public void Pytest_testpaths_in_tox_ini_and_setup_cfg_mark_a_directory_as_tests(string file, string text)
    {
        using var tree = new TempTree()
            .Write(file, text)
            .Write("checks/login.py", "password = \"hunter2x9\"\n")
            .Write("app/settings.py", "password = \"hunter2x9\"\n");
        var scan = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app/settings.py"], scan.Findings.Where(f => f.Rule.Aliases.Contains("B105")).Select(f => f.Location.Path));
    }

    [Fact]
    public void A_name_around_that_rules_a_secret_out_wins_over_an_inner_secret_word()
    {
        // email.generator's _make_boundary: the draw lands in `token`, but the function says it is a MIME boundary.
        BothSides(
            "B311",
            "import random\ndef make_reset_link(user):\n    token = random.randrange(10 ** 12)\n",
            "import random\ndef _make_boundary(text=None):\n    token = random.randrange(sys.maxsize)\n");
    }

    [Fact]
    public void An_attribute_whose_name_merely_contains_a_guard_word_is_not_a_guard()
    {
        BothSides("B101", "def delete(doc, user):\n    assert doc.owner_id == user.id or user.is_superuser\n", "def f(node):\n    assert node.ownerDocument.documentElement\n");
    }
}
