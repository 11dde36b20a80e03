using Kingsnake.Posture.Checks.Scorecard;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class FuzzingCheckTests
{
    private static readonly FuzzingCheck Check = new();

    private const string AtherisTarget = """
        import sys

        import atheris

        with atheris.instrument_imports():
            import sampleproject.parser


        def TestOneInput(data: bytes) -> None:
            sampleproject.parser.parse(data)


        atheris.Setup(sys.argv, TestOneInput)
        atheris.Fuzz()
        """;

    private const string HypothesisTest = """
        from hypothesis import given, strategies as st

        from sampleproject.parser import parse, render


        @given(st.text())
        def test_round_trip(text):
            assert parse(render(text)) == text
        """;

    [Fact]
    public void Atheris_target_scores_10()
    {
        using var tree = new TempTree();
        tree.Write("fuzz/fuzz_parse.py", AtherisTarget);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(("fuzz/fuzz_parse.py", 3), (evidence.Path, evidence.Line));
    }

    [Fact]
    public void Hypothesis_alone_scores_0_and_is_reported_as_not_counted()
    {
        using var tree = new TempTree();
        tree.Write("tests/test_properties.py", HypothesisTest);
        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        Assert.Contains("not counted by Scorecard", result.Reason, StringComparison.Ordinal);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(("tests/test_properties.py", 1), (evidence.Path, evidence.Line));
        Assert.Contains("Atheris", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterFuzzLite_needs_a_command_in_its_Dockerfile()
    {
        using (var tree = new TempTree())
        {
            tree.Write(".clusterfuzzlite/Dockerfile", "FROM gcr.io/oss-fuzz-base/base-builder-python\nCOPY . $SRC/sampleproject\nCOPY .clusterfuzzlite/build.sh $SRC/\n");
            Assert.Equal(10, tree.Run(Check).Score);
        }

        using (var tree = new TempTree())
        {
            tree.Write(".clusterfuzzlite/Dockerfile", "# TODO: set up fuzzing\n\n");
            tree.Write("tests/test_properties.py", HypothesisTest);
            var result = tree.Run(Check);
            Assert.Equal(0, result.Score);
            Assert.Equal(["tests/test_properties.py"], result.Evidence.Select(e => e.Path));
        }
    }

    [Fact]
    public void LibFuzzer_target_of_a_C_extension_counts_and_a_mere_mention_elsewhere_does_not()
    {
        using var tree = new TempTree();
        tree.Write("src/_speedups/fuzz_decode.c", "#include <stdint.h>\n#include <stddef.h>\n\nint LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {\n    decode(data, size);\n    return 0;\n}\n");
        tree.Write("docs/fuzzing.md", "We might add LLVMFuzzerTestOneInput targets later.\n");
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(("src/_speedups/fuzz_decode.c", 4, "libFuzzer fuzz target"), (evidence.Path, evidence.Line, evidence.Description));
    }

    [Theory]
    [InlineData("tools/codec/codec_test.go", "package codec\n\nimport \"testing\"\n\nfunc FuzzDecode(f *testing.F) {\n}\n", 10)]
    [InlineData("tools/codec/codec.go", "package codec\n\nfunc FuzzDecode(f *testing.F) {}\n", 0)] // not a test file
    [InlineData("tools/codec/codec_test.go", "package codec\n\nfunc TestDecode(t *testing.T) {}\n", 0)]
    public void Go_native_fuzz_tests(string path, string text, int expected)
    {
        using var tree = new TempTree();
        tree.Write(path, text);
        Assert.Equal(expected, tree.Run(Check).Score);
    }
}
