using Kingsnake.Code.Tests.Support;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>Calls are matched on the name Python would reach, through every import form.</summary>
public class NameResolutionTests
{
    [Theory]
    [InlineData("import subprocess\nsubprocess.Popen('ls ' + x, shell=True)\n")]
    [InlineData("import subprocess as sp\nsp.Popen('ls ' + x, shell=True)\n")]
    [InlineData("from subprocess import Popen\nPopen('ls ' + x, shell=True)\n")]
    [InlineData("from subprocess import Popen as P\nP('ls ' + x, shell=True)\n")]
    [InlineData("import subprocess\ngetattr(subprocess, 'Popen')('ls ' + x, shell=True)\n")]
    [InlineData("__import__('subprocess').Popen('ls ' + x, shell=True)\n")]
    [InlineData("import importlib\nimportlib.import_module('subprocess').Popen('ls ' + x, shell=True)\n")]
    [InlineData("def f(x):\n    import subprocess as s\n    s.Popen('ls ' + x, shell=True)\n")]
    [InlineData("def f(x):\n    sp.Popen('ls ' + x, shell=True)\nimport subprocess as sp\n")] // a global import after the function still binds at call time
    [InlineData("try:\n    import cPickle as sp\nexcept ImportError:\n    import subprocess as sp\nsp.Popen('ls ' + x, shell=True)\n")]
    public void Resolves_import_forms_to_the_qualified_name(string code) =>
        Assert.Equal([code.Split('\n').Select((l, i) => (l, i)).Last(p => p.l.Contains("shell=True", StringComparison.Ordinal)).i + 1], Scanner.Lines("B602", code));

    [Fact]
    public void From_import_of_a_function_is_its_module_function()
    {
        Assert.Single(Scanner.Lines("B605", "from os import system as run\nrun(cmd)\n"));
        Assert.Single(Scanner.Lines("B605", "import os.path\nos.system(cmd)\n"));
    }

    [Theory]
    [InlineData("def f(subprocess):\n    subprocess.Popen(cmd, shell=True)\n")] // a parameter is not the module
    [InlineData("def f():\n    subprocess = make()\n    subprocess.Popen(cmd, shell=True)\n")] // nor is a local variable
    [InlineData("g = lambda subprocess: subprocess.Popen(cmd, shell=True)\n")]
    public void Local_bindings_shadow_modules(string code)
    {
        Assert.Empty(Scanner.Lines("B602", code));
        Assert.Empty(Scanner.Lines("B605", code));
    }

    [Fact]
    public void Class_body_imports_are_not_seen_by_methods_but_module_imports_are()
    {
        const string code = "import subprocess\nclass A:\n    import os as subprocess\n    def m(self):\n        subprocess.getoutput(cmd)\n";
        Assert.Empty(Scanner.Lines("B605", code.Replace("getoutput", "system", StringComparison.Ordinal)));
        Assert.Equal([5], Scanner.Lines("B605", code));
    }

    [Fact]
    public void Builtins_resolve_only_when_not_shadowed()
    {
        Assert.Equal([1], Scanner.Lines("B307", "eval(x)\n"));
        Assert.Empty(Scanner.Lines("B307", "def eval(x):\n    return x\n\ndef g(y):\n    return eval(y)\n"));
        Assert.Empty(Scanner.Lines("B307", "from mylib import evaluate as eval\neval(x)\n"));
    }
}
