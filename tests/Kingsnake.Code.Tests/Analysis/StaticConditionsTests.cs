using Kingsnake.Code.Analysis;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Assert = Xunit.Assert;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Tests.Analysis;

/// <summary>Conditions known on every Python 3: TYPE_CHECKING is false, Python-2 tests are false, finer ones unknown.</summary>
public class StaticConditionsTests
{
    private static bool? Evaluate(string condition, string prelude = "import sys\n")
    {
        var parsed = PythonParser.Parse(prelude + "if " + condition + ":\n    pass\n");
        var test = parsed.Module.Body.OfType<If>().Single().Test;
        var imports = parsed.Module.Body.OfType<Import>().SelectMany(i => i.Names).Select(a => (Bound: a.Asname ?? a.Name, a.Name))
            .Concat(parsed.Module.Body.OfType<ImportFrom>().SelectMany(i => i.Names.Select(a => (Bound: a.Asname ?? a.Name, Name: i.Module + "." + a.Name))))
            .ToDictionary(p => p.Bound, p => p.Name, StringComparer.Ordinal);
        return StaticConditions.OnPython3(test, QualifiedName);

        string? QualifiedName(ExprNode node) => node switch
        {
            Name name => imports.GetValueOrDefault(name.Id),
            PyAttribute { Value: var owner } attribute => QualifiedName(owner) is { } prefix ? prefix + "." + attribute.Attr : null,
            _ => null,
        };
    }

    [Theory]
    [InlineData("TYPE_CHECKING", false)]
    [InlineData("typing.TYPE_CHECKING", false)]
    [InlineData("not TYPE_CHECKING", true)]
    [InlineData("PY2", false)]
    [InlineData("six.PY2", false)]
    [InlineData("six.PY3", true)]
    [InlineData("sys.version_info < (3,)", false)]
    [InlineData("sys.version_info < (3, 0)", false)]
    [InlineData("sys.version_info >= (3,)", true)]
    [InlineData("sys.version_info > (2, 7)", null)] // not a whole-major bound
    [InlineData("sys.version_info[0] == 2", false)]
    [InlineData("sys.version_info[0] == 3", true)]
    [InlineData("sys.version_info[0] != 3", false)]
    [InlineData("sys.version_info.major < 3", false)]
    [InlineData("sys.version_info.major >= 3", true)]
    [InlineData("sys.version_info[0] > 2", true)]
    [InlineData("sys.version_info > (3,)", null)] // 3.0 itself is not > (3,)
    [InlineData("sys.version_info <= (3,)", null)]
    [InlineData("sys.version_info >= (3, 8)", null)] // a minor version may vary
    [InlineData("sys.version_info[1] == 2", null)]
    [InlineData("sys.version_info == (3,)", null)]
    [InlineData("sys.platform == 'win32'", null)]
    [InlineData("TYPE_CHECKING and other", false)]
    [InlineData("TYPE_CHECKING or other", null)]
    [InlineData("PY3 or other", true)]
    [InlineData("PY3 and other", null)]
    [InlineData("DEBUG", null)]
    [InlineData("sys.version_info[0] == 4", null)]
    public void Known_and_unknown_conditions(string condition, bool? expected) => Assert.Equal(expected, Evaluate(condition));

    [Fact]
    public void Version_info_must_resolve_to_sys()
    {
        // A local `version_info` tuple is not the interpreter's.
        Assert.Null(Evaluate("version_info < (3,)", prelude: ""));
        Assert.False(Evaluate("version_info < (3,)", prelude: "from sys import version_info\n"));
        Assert.Null(Evaluate("mylib.version_info < (3,)", prelude: "import mylib\n"));
    }
}
