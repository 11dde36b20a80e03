using System.Text;
using Kingsnake.Code.Engine;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>The module index reads and parses each module once, hands its parse to the file's own analysis, and follows chains.</summary>
public class ModuleIndexTests
{
    private readonly Dictionary<string, byte[]> _sources = new(StringComparer.Ordinal)
    {
        ["__init__.py"] = Encoding.UTF8.GetBytes("from ._vendor.cc import compat\n"),
        ["_vendor/__init__.py"] = [],
        ["_vendor/cc/__init__.py"] = [],
        ["_vendor/cc/compat.py"] = Encoding.UTF8.GetBytes("try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n\ndef helper():\n    pass\n"),
        ["_vendor/cc/serialize.py"] = Encoding.UTF8.GetBytes("from .compat import pickle\n"),
    };

    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    [Fact]
    public void Follows_relative_and_absolute_names_reading_each_module_once()
    {
        var index = NewIndex();
        Assert.Equal("pickle.loads", index.Follow("_vendor/cc/serialize.py", ".compat.pickle.loads"));
        Assert.Equal("pickle.loads", index.Follow("_vendor/cc/serialize.py", "pip._vendor.cc.compat.pickle.loads"));
        Assert.Equal("pickle.Unpickler", index.Follow("other.py", "pip.compat.pickle.Unpickler")); // through the root package's __init__
        Assert.Equal(".compat.helper", index.Follow("_vendor/cc/serialize.py", ".compat.helper")); // the project's own function
        Assert.Equal("os.system", index.Follow("_vendor/cc/serialize.py", "os.system"));
        Assert.Equal(1, _reads["_vendor/cc/compat.py"]);
        Assert.Equal(1, _reads["__init__.py"]);
        Assert.False(_reads.ContainsKey("_vendor/cc/serialize.py")); // never needed
    }

    [Fact]
    public void A_module_parsed_for_a_name_is_handed_to_its_own_analysis()
    {
        var index = NewIndex();
        index.Follow("_vendor/cc/serialize.py", ".compat.pickle.loads");
        var bytes = _sources["_vendor/cc/compat.py"];
        Assert.NotNull(index.Parse("_vendor/cc/compat.py", bytes));
        Assert.Null(index.Parse("_vendor/cc/compat.py", bytes)); // handed over once; a second analysis parses for itself

        // a module analysed first is not read again when a name goes through it
        var serialize = _sources["_vendor/cc/serialize.py"];
        Assert.NotNull(index.Parse("_vendor/cc/serialize.py", serialize));
        Assert.Equal("pickle.dumps", index.Follow("_vendor/cc/other.py", ".serialize.pickle.dumps"));
        Assert.False(_reads.ContainsKey("_vendor/cc/serialize.py"));
    }

    [Fact]
    public void A_file_that_does_not_parse_is_left_to_the_analysis_to_report()
    {
        _sources["_vendor/cc/compat.py"] = Encoding.UTF8.GetBytes("import pickle\ndef (:\n");
        var index = NewIndex();
        Assert.Equal(".compat.pickle.loads", index.Follow("_vendor/cc/serialize.py", ".compat.pickle.loads"));
        Assert.Null(index.Parse("_vendor/cc/compat.py", _sources["_vendor/cc/compat.py"]));
    }

    private ModuleIndex NewIndex() => new(null, _sources.Keys, 1024 * 1024, rootName: "pip", read: path =>
    {
        _reads[path] = _reads.GetValueOrDefault(path) + 1;
        return _sources.GetValueOrDefault(path);
    });
}
