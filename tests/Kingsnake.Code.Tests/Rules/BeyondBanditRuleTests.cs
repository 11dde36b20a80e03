using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>
/// The rules beyond Bandit (PY801-PY809), each against the code shape of the advisory that motivates it, the near
/// misses that must stay quiet, and suppression.
/// </summary>
public class BeyondBanditRuleTests
{
    private static int[] Lines(string ruleId, string code, CodeCompatibility compatibility = CodeCompatibility.Kingsnake) =>
        [.. Scanner.Findings(code, compatibility).Where(f => f.Rule.Id == ruleId).Select(f => f.Location.StartLine)];

    [Fact]
    public void Every_new_rule_names_its_advisory_and_is_not_a_bandit_test()
    {
        var own = RuleCatalog.All.Where(r => !r.IsBanditTest).ToList();
        Assert.Equal(["PY801", "PY802", "PY803", "PY804", "PY805", "PY806", "PY807", "PY808", "PY809", "PY810"], own.Select(r => r.Descriptor.Id).Order(StringComparer.Ordinal));
        foreach (var rule in own)
        {
            Assert.Equal(rule.Descriptor.Id, rule.BanditId); // what # nosec and Bandit configs' skips name
            Assert.Empty(rule.Descriptor.Aliases); // ruff has none of these checks
            if (rule.Descriptor.Id != "PY810") // PY810 judges the project's declared Python versions, not an advisory's code shape
            {
                Assert.Matches(@"CVE-\d{4}-\d{4,}|bpo-\d+", rule.Descriptor.Help);
            }

            Assert.Contains("**Fix:**", rule.Descriptor.Help, StringComparison.Ordinal);
            Assert.NotEmpty(rule.Descriptor.Cwe);
        }
    }

    [Fact]
    public void New_rules_stay_off_in_bandit_mode_and_have_no_bandit_id_property()
    {
        const string code = "import yaml\nyaml.unsafe_load(data)\n";
        Assert.Empty(Lines("PY804", code, CodeCompatibility.Bandit));
        var finding = Assert.Single(Scanner.Findings(code), f => f.Rule.Id == "PY804");
        Assert.Null(finding.Data);
    }

    [Fact]
    public void PY801_tar_members_extracted_one_by_one_without_filter()
    {
        const string code = """
            import tarfile

            def unpack(path, target):
                with tarfile.open(path) as tar:
                    for member in tar.getmembers():
                        tar.extract(member, target)
                    for member in tar:
                        tar.extract(member, target)
                    for member in tar.getmembers():
                        tar.extract(member, target, filter="data")
                    for member in tar.getmembers():
                        tar.extract(member, target, filter=tarfile.tar_filter)
                    for member in tar.getmembers():
                        tar.extract(member, target, filter="fully_trusted")
                    tar.extract("metadata.json", target)
                    for name in KNOWN_NAMES:
                        tar.extract(name, target)
                    for member in tar.getmembers():
                        tar.extract(member, target)  # nosec PY801

            def other(archive, target):
                for name in archive.getnames():
                    archive.extract(name, target)

            def zipped(path, target):
                zf = zipfile.ZipFile(path)
                for name in zf.namelist():
                    zf.extract(name, target)
            """;
        Assert.Equal([6, 8, 14], Lines("PY801", code));
        var fullyTrusted = Scanner.Findings(code).Single(f => f.Rule.Id == "PY801" && f.Location.StartLine == 14);
        Assert.Contains("fully_trusted", fullyTrusted.Message, StringComparison.Ordinal);

        // A file that sets TarFile.extraction_filter has chosen a policy for every extraction.
        Assert.Empty(Lines("PY801", "import tarfile\ntarfile.TarFile.extraction_filter = staticmethod(tarfile.data_filter)\ndef f(p):\n    t = tarfile.open(p)\n    for m in t.getmembers():\n        t.extract(m)\n"));
    }

    [Fact]
    public void PY802_unpack_archive_of_a_tar_without_filter()
    {
        const string code = """
            import shutil

            def fetch(url, target):
                archive = download(url)
                shutil.unpack_archive(archive, target)
                shutil.unpack_archive("model.tar.gz", target)
                shutil.unpack_archive(archive, target, "gztar")
                shutil.unpack_archive(archive, target, filter="data")
                shutil.unpack_archive(archive, target, format="zip")
                shutil.unpack_archive("bundle.zip", target)
                shutil.unpack_archive("stuff.boo", target)
                shutil.unpack_archive(archive, target, filter="fully_trusted")
                name = "release.whl"
                shutil.unpack_archive(name, target)
                shutil.unpack_archive(archive, target)  # kingsnake: ignore[unpack-archive-without-filter]
            """;
        Assert.Equal([5, 6, 7, 12], Lines("PY802", code));
        Assert.Empty(Lines("PY802", "from shutil import unpack_archive as ua\ndef f(a, **kw):\n    ua(a, **kw)\n"));
        Assert.Equal([2], Lines("PY802", "from shutil import unpack_archive as ua\nua(a, 'out')\n"));
    }

    [Fact]
    public void PY803_zip_slip_by_hand_as_in_the_nltk_downloader()
    {
        // The shape of NLTK's _unzip_iter before 3.4.5 (CVE-2019-14751).
        const string nltk = """
            import os, zipfile

            def _unzip_iter(filename, root):
                zf = zipfile.ZipFile(filename)
                namelist = zf.namelist()
                filelist = [x for x in namelist if not x.endswith('/')]
                for i, filename in enumerate(filelist):
                    filepath = os.path.join(root, *filename.split('/'))
                    with open(filepath, 'wb') as dstfile, zf.open(filename) as srcfile:
                        dstfile.write(srcfile.read())
            """;
        Assert.Equal([9], Lines("PY803", nltk));

        const string tar = """
            def dump(tar, target):
                for member in tar.getmembers():
                    out = target + "/" + member.name
                    open(out, "wb").write(tar.extractfile(member).read())
                    open(out, "rb")
                    open(os.path.join(target, "index.txt"), "w")
            """;
        Assert.Equal([4], Lines("PY803", tar));
    }

    [Theory]
    [InlineData("    out = os.path.join(root, os.path.basename(info.filename))\n")]
    [InlineData("    out = os.path.join(root, info.filename)\n    if '..' in info.filename: continue\n")]
    [InlineData("    out = os.path.realpath(os.path.join(root, info.filename))\n")]
    [InlineData("    out = os.path.join(root, info.filename)\n    if not is_within_directory(root, out): raise ValueError(out)\n")]
    [InlineData("    out = os.path.join(root, info.filename)\n    if not out.startswith(root): raise ValueError(out)\n")]
    public void PY803_quiet_when_the_function_checks_the_names(string check)
    {
        var code = "import os\ndef extract(zf, root):\n  for info in zf.infolist():\n  " + check.Replace("\n    ", "\n      ", StringComparison.Ordinal) + "      open(out, 'wb').write(zf.read(info))\n";
        Assert.Empty(Lines("PY803", code));
        var unchecked_ = "import os\ndef extract(zf, root):\n  for info in zf.infolist():\n      out = os.path.join(root, info.filename)\n      open(out, 'wb').write(zf.read(info))\n";
        Assert.Equal([5], Lines("PY803", unchecked_));
        Assert.Empty(Lines("PY803", unchecked_.Replace("(zf.read(info))", "(zf.read(info))  # nosec", StringComparison.Ordinal)));
    }

    [Fact]
    public void PY804_yaml_entry_points_beyond_yaml_load()
    {
        const string code = """
            import yaml
            from ruamel.yaml import YAML
            yaml.unsafe_load(doc)
            yaml.unsafe_load_all(doc)
            yaml.full_load(doc)
            yaml.full_load_all(doc)
            yaml.load_all(doc, Loader=yaml.Loader)
            yaml.load_all(doc, yaml.UnsafeLoader)
            yaml.load_all(doc, Loader=yaml.FullLoader)
            yaml.load_all(doc)
            yaml.load_all(doc, Loader=yaml.SafeLoader)
            yaml.load_all(doc, Loader=yaml.CSafeLoader)
            yaml.load_all(doc, Loader=MyLoader)
            yaml.safe_load(doc)
            yaml.load(doc, Loader=yaml.Loader)
            YAML(typ="unsafe").load(doc)
            YAML(typ=["unsafe", "pure"]).load(doc)
            YAML(typ="safe").load(doc)
            YAML().load(doc)
            yaml.unsafe_load(doc)  # nosec
            """;
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY804").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal(
            [(3, Severity.Medium), (4, Severity.Medium), (5, Severity.Low), (6, Severity.Low), (7, Severity.Medium), (8, Severity.Medium), (9, Severity.Low), (10, Severity.Medium), (16, Severity.Medium), (17, Severity.Medium)],
            findings);
        Assert.Equal([15], Scanner.Lines("B506", code)); // yaml.load stays PY506's: no double report
    }

    [Fact]
    public void PY805_wrap_socket_client_without_certificate_checks()
    {
        const string code = """
            import ssl
            ssl.wrap_socket(sock)
            ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1_2)
            ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE, ca_certs=ca)
            ssl.wrap_socket(sock, cert_reqs=ssl.CERT_OPTIONAL, ca_certs=ca)
            ssl.wrap_socket(sock, cert_reqs=ssl.CERT_REQUIRED, ca_certs=ca)
            ssl.wrap_socket(sock, keyfile, certfile, True)
            ssl.wrap_socket(sock, server_side=True, certfile=cert)
            ssl.wrap_socket(sock, None, None, False, ssl.CERT_REQUIRED)
            ssl.wrap_socket(sock, **options)
            ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            ssl.wrap_socket(sock)  # kingsnake: ignore[PY805]
            """;
        Assert.Equal([2, 3, 4, 5], Lines("PY805", code));
        Assert.Equal(Severity.High, Scanner.Findings(code).Single(f => f.Rule.Id == "PY805" && f.Location.StartLine == 4).Severity);
    }

    [Fact]
    public void PY806_xmlrpc_allow_dotted_names()
    {
        const string code = """
            from xmlrpc.server import SimpleXMLRPCServer
            server = SimpleXMLRPCServer(("localhost", 8000))
            server.register_instance(Service(), allow_dotted_names=True)
            server.register_instance(Service(), True)
            server.register_instance(Service())
            server.register_instance(Service(), allow_dotted_names=False)
            server.register_instance(Service(), allow_dotted_names=flag)
            server.register_instance(Service(), allow_dotted_names=True)  # nosec PY806
            """;
        Assert.Equal([3, 4], Lines("PY806", code));
    }

    [Fact]
    public void PY807_sax_external_entities_turned_on()
    {
        const string code = """
            import xml.sax
            from xml.sax.handler import feature_external_ges, feature_external_pes, feature_namespaces
            parser = xml.sax.make_parser()
            parser.setFeature(feature_external_ges, True)
            parser.setFeature(xml.sax.handler.feature_external_pes, 1)
            parser.setFeature("http://xml.org/sax/features/external-general-entities", True)
            parser.setFeature(feature_external_ges, False)
            parser.setFeature(feature_namespaces, True)
            parser.setFeature(feature_external_ges, enabled)
            parser.setFeature(feature_external_ges, True)  # nosec
            """;
        Assert.Equal([4, 5, 6], Lines("PY807", code));
    }

    [Fact]
    public void PY808_fixed_names_under_gettempdir_opened_for_writing()
    {
        const string code = """
            import os, tempfile
            from pathlib import Path
            LOG = os.path.join(tempfile.gettempdir(), "service.log")

            def run():
                open(os.path.join(tempfile.gettempdir(), "app.pid"), "w")
                lock = os.path.join(tempfile.gettempdir(), f"app-{os.getpid()}.lock")
                with open(lock, "w") as f:
                    pass
                open(LOG, "a")
                Path(tempfile.gettempdir() + "/cache.json").write_text(data)
                open(os.path.join(tempfile.gettempdir(), "app.pid"))
                open(os.path.join(tempfile.gettempdir(), "app.pid"), "x")
                open(os.path.join(tempfile.gettempdir(), name), "w")
                open(os.path.join(tempfile.mkdtemp(), "out.txt"), "w")
                fd = os.open(os.path.join(tempfile.gettempdir(), "a.lock"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                fd = os.open(os.path.join(tempfile.gettempdir(), "b.lock"), os.O_CREAT | os.O_WRONLY)
                open(os.path.join(tempfile.gettempdir(), "app.pid"), "w")  # nosec PY808
            """;
        Assert.Equal([6, 8, 10, 11, 17], Lines("PY808", code));
    }

    [Fact]
    public void PY809_flask_request_values_reach_paths()
    {
        // The shape of whoogle-search's config route (CVE-2024-22204) and of ganga's send_file (CVE-2022-31507).
        const string code = """
            import os
            from flask import Flask, request, send_file
            app = Flask(__name__)

            @app.route("/config", methods=["POST"])
            def config():
                name = request.args.get("name")
                path = os.path.join(CONFIG_DIR, name)
                with open(path, "wb") as f:
                    f.write(request.data)

            @app.route("/upload", methods=["POST"])
            def upload():
                f = request.files["file"]
                f.save(os.path.join(UPLOADS, f.filename))

            @app.route("/download")
            def download():
                return send_file(request.args["path"])

            @app.route("/files/<path:rest>")
            def files(rest):
                return open(os.path.join(ROOT, "static", rest)).read()

            @app.route("/user/<name>")
            def user(name):
                return open(os.path.join(ROOT, name)).read()

            @app.route("/safe", methods=["POST"])
            def safe():
                f = request.files["file"]
                f.save(os.path.join(UPLOADS, secure_filename(f.filename)))

            @app.route("/checked")
            def checked():
                target = os.path.join(ROOT, request.args["p"])
                if not is_inside(ROOT, target):
                    abort(404)
                return open(target).read()

            def helper(name):
                return os.path.join(ROOT, name)

            @app.route("/quiet")
            def quiet():
                return open(os.path.join(ROOT, request.args["p"])).read()  # nosec
            """;
        Assert.Equal([8, 15, 19, 23], Lines("PY809", code));
    }

    [Fact]
    public void PY809_django_and_fastapi_handlers()
    {
        const string django = """
            import os
            from django.http import FileResponse

            def report(request):
                name = request.GET["name"]
                return FileResponse(open(os.path.join(REPORTS, name), "rb"))

            class Export(View):
                def get(self, request):
                    return FileResponse(open(self.request.POST["path"], "rb"))

            def listing(request):
                return os.path.join(REPORTS, "index.html")
            """;
        Assert.Equal([6, 10], Lines("PY809", django));

        const string fastapi = """
            import os
            from fastapi import FastAPI
            app = FastAPI()

            @app.get("/files/{file_path:path}")
            async def read_file(file_path: str):
                return open(os.path.join("/srv/files", file_path)).read()

            @app.get("/items/{item}")
            async def item(item: str):
                return open(os.path.join("/srv/items", item)).read()
            """;
        Assert.Equal([7], Lines("PY809", fastapi));
        Assert.Empty(Lines("PY809", "import os\ndef f(request):\n    return os.path.join(R, request.GET['x'])\n")); // no django/flask import
    }

    [Fact]
    public void Bandit_config_skips_and_nosec_words_name_the_new_rules()
    {
        const string code = "import yaml\nyaml.unsafe_load(a)\nyaml.unsafe_load(b)  # nosec yaml-unsafe-load\nyaml.unsafe_load(c)  # nosec B506\n";
        Assert.Equal([2, 4], Lines("PY804", code)); // a nosec naming another test does not silence it
        var skip = new BanditSettings { Skips = ["PY804"] };
        Assert.DoesNotContain(Scanner.Findings(code, settings: skip), f => f.Rule.Id == "PY804");
    }
}

public class JsonpickleAliasTests
{
    [Fact]
    public void PY301_counts_jsonpickle_top_level_aliases_in_kingsnake_mode_only()
    {
        // jsonpickle/__init__.py: `loads = decode` and `from .unpickler import Unpickler`.
        const string code = "import jsonpickle\njsonpickle.decode(s)\njsonpickle.loads(s)\njsonpickle.Unpickler()\njsonpickle.dumps(o)\n";
        Assert.Equal([2, 3, 4], Scanner.Lines("B301", code));
        Assert.Equal([2], Scanner.Lines("B301", code, CodeCompatibility.Bandit));
    }
}

public class LocalFlowRobustnessTests
{
    [Fact]
    public void Long_assignment_chains_and_wide_handlers_finish_and_stay_bounded()
    {
        // 3,000 assignments in source order (one round of propagation), then the same chain written backwards, which
        // the fixed point gives up on after its round limit: no hang, no crash, the forward chain still found.
        var forward = new System.Text.StringBuilder("import os\nfrom flask import request\ndef h():\n    v0 = request.args['p']\n");
        for (var i = 1; i <= 3000; i++)
        {
            forward.Append(System.Globalization.CultureInfo.InvariantCulture, $"    v{i} = v{i - 1}\n");
        }

        forward.Append("    return os.path.join(ROOT, v3000)\n");
        var forwardFindings = Scanner.Findings(forward.ToString());
        Assert.Single(forwardFindings, f => f.Rule.Id == "PY809");

        var backward = new System.Text.StringBuilder("import os\nfrom flask import request\ndef h():\n");
        for (var i = 3000; i >= 1; i--)
        {
            backward.Append(System.Globalization.CultureInfo.InvariantCulture, $"    v{i} = v{i - 1}\n");
        }

        backward.Append("    v0 = request.args['p']\n    return os.path.join(ROOT, v3000)\n");
        var result = CodeAuditor.AnalyzeSource("app/h.py", System.Text.Encoding.UTF8.GetBytes(backward.ToString()));
        Assert.True(result.Parsed);
        Assert.Null(result.Error);
    }
}
