using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>exec, eval, pickle, marshal, yaml, torch: code execution through deserialisation or evaluation.</summary>
public class InjectionRuleTests
{
    [Fact]
    public void B102_exec()
    {
        const string code = "exec(source)\nexec('x = 1')\nself.exec(q)\nimport builtins\nbuiltins.exec(s)\nexec  # nosec\nexec(a)  # nosec\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY102").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        // exec('x = 1') runs only what the author wrote: Kingsnake leaves it out, Bandit grades it medium like the rest.
        Assert.Equal([(1, Severity.Medium), (5, Severity.Medium)], findings);
        var bandit = Scanner.Findings(code, CodeCompatibility.Bandit).Where(f => f.Rule.Id == "PY102").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(1, Severity.Medium), (2, Severity.Medium), (5, Severity.Medium)], bandit);
    }

    [Fact]
    public void B307_eval()
    {
        const string code = "eval(expr)\nast.literal_eval(expr)\nx.eval(y)\neval(z)  # nosec B307\n";
        Assert.Equal([1], Scanner.Both("B307", code));
    }

    [Fact]
    public void B301_pickle_family_calls()
    {
        const string code = "import pickle, dill, shelve\nimport pandas as pd\nfrom jsonpickle import decode\npickle.loads(b)\npickle.dumps(o)\ndill.load(f)\nshelve.open(p)\npd.read_pickle(p)\ndecode(s)\npd.read_csv(p)\npickle.Unpickler(f).load()\n";
        Assert.Equal([4, 6, 7, 8, 9, 11], Scanner.Both("B301", code));
    }

    [Fact]
    public void B302_marshal()
    {
        Assert.Equal([2, 3], Scanner.Both("B302", "import marshal\nmarshal.loads(b)\nmarshal.load(f)\nmarshal.dumps(o)\n"));
    }

    [Fact]
    public void B403_pickle_imports_one_per_statement()
    {
        const string code = "import pickle\nimport os, cPickle, dill\nfrom shelve import open\nimport pickletools\nfrom dill.source import getsource\n__import__('pickle')\nimport picklejar  # nosec\n";
        Assert.Empty(Scanner.Lines("B403", code)); // Kingsnake mode judges the pickle calls (B301), not the imports
        Assert.Equal([1, 2, 3, 4, 5, 6], Scanner.Lines("B403", code, CodeCompatibility.Bandit)); // prefix match: pickletools
    }

    [Fact]
    public void B506_yaml_load_without_safe_loader()
    {
        const string code = "import yaml\nyaml.load(s)\nyaml.load(s, Loader=yaml.SafeLoader)\nyaml.load(s, yaml.CSafeLoader)\nyaml.load(s, Loader=yaml.FullLoader)\nyaml.safe_load(s)\nyaml.load(s, Loader=yaml.BaseLoader)\njson.load(f)\n";
        Assert.Equal([2, 5], Scanner.Lines("B506", code));
        Assert.Equal([2, 5, 7], Scanner.Lines("B506", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B506_needs_yaml_imported_and_resolved()
    {
        Assert.Empty(Scanner.Lines("B506", "def f(yaml):\n    yaml.load(s)\n"));
        Assert.Equal([2], Scanner.Lines("B506", "from yaml import load\nload(s)\n"));
        Assert.Empty(Scanner.Lines("B506", "from yaml import load\nload(s)\n", CodeCompatibility.Bandit)); // Bandit needs `import yaml`
    }

    [Fact]
    public void B614_torch_load()
    {
        const string code = "import torch\ntorch.load(p)\ntorch.load(p, weights_only=True)\ntorch.load(p, weights_only=False)\ntorch.serialization.load(p)\nnp.load(p)\n";
        Assert.Equal([2, 4, 5], Scanner.Both("B614", code));
        Assert.Empty(Scanner.Lines("B614", "torch.load(p)\n", CodeCompatibility.Bandit)); // Bandit needs torch imported
    }
}
