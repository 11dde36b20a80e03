using System.IO.Compression;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Project;
using Kingsnake.Workflows.Knowledge;

namespace Kingsnake.Workflows.Tests.Knowledge;

/// <summary>Offline tag → commit resolution: the built-in list, the project's pins file, local clones.</summary>
public sealed class ActionPinsTests : IDisposable
{
    private const string ShaA = "1111111111111111111111111111111111111111";
    private const string ShaB = "2222222222222222222222222222222222222222";
    private const string TagObject = "3333333333333333333333333333333333333333";
    private const string ShaC = "4444444444444444444444444444444444444444";
    private const string LooseTagObject = "5555555555555555555555555555555555555555";
    private const string LooseCommit = "6666666666666666666666666666666666666666";

    private readonly string _root = Directory.CreateTempSubdirectory("kingsnake-pins-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A git object as git stores it loose: zlib-deflated "type size\0body" under objects/xx/yyyy.</summary>
    private void WriteLooseObject(string gitDir, string sha, string type, string body)
    {
        var path = Path.Combine(_root, gitDir, "objects", sha[..2], sha[2..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var zlib = new ZLibStream(file, CompressionLevel.Optimal);
        zlib.Write(Encoding.ASCII.GetBytes($"{type} {body.Length}\0{body}"));
    }

    [Fact]
    public void Built_in_list_resolves_exact_and_partial_tags_case_insensitively()
    {
        var pins = ActionPins.BuiltIn;
        Assert.True(pins.Count >= 30);
        Assert.Equal("692973e3d937129bcbf40652eb9f2f61becf3332", pins.Resolve("actions/checkout", "v4.1.7")!.Sha);
        Assert.Equal("692973e3d937129bcbf40652eb9f2f61becf3332", pins.Resolve("Actions/Checkout", "V4.1.7")!.Sha);

        // v4 → the newest v4.x.y listed (v4.2.0), v4.1 → the newest v4.1.z (v4.1.7)
        Assert.Equal("v4.2.0", pins.Resolve("actions/checkout", "v4")!.Tag);
        Assert.Equal("v4.1.7", pins.Resolve("actions/checkout", "v4.1")!.Tag);
        Assert.Null(pins.Resolve("actions/checkout", "v9"));
        Assert.Null(pins.Resolve("actions/checkout", "main"));

        // the tag seen with two different SHAs in real workflows is left out
        Assert.Null(pins.Resolve("ossf/scorecard-action", "v2.4.0"));
    }

    [Fact]
    public void Pins_file_and_clones_come_before_the_built_in_list()
    {
        Write(".github/kingsnake-pins.toml", $"""
            # our own pins
            [pins]
            "actions/checkout@v4.1.7" = "{ShaA}"
            "example/tool@nightly-2024" = "{ShaB}"

            [clones]
            "example/clone" = "../vendor/clone"
            """);

        // a clone as git leaves it: packed-refs with a peeled annotated tag, and a loose annotated tag whose objects are loose
        var gitDir = "vendor/clone/.git";
        Write($"{gitDir}/packed-refs", $"# pack-refs with: peeled fully-peeled sorted \n{ShaA} refs/heads/main\n{ShaB} refs/tags/v1.0.0\n{TagObject} refs/tags/v2.0.0\n^{ShaC}\n");
        Write($"{gitDir}/refs/tags/v2.1.0", LooseTagObject + "\n");
        WriteLooseObject(gitDir, LooseTagObject, "tag", $"object {LooseCommit}\ntype commit\ntag v2.1.0\n\nrelease\n");
        WriteLooseObject(gitDir, LooseCommit, "commit", "tree 0000\n\nmessage\n");
        Write($"{gitDir}/refs/tags/packed-object", ShaC + "\n"); // the object is in a pack: its type is unknown, so left out

        var errors = new List<InputError>();
        // the pins file is named by the user (--pins): it may sit outside the project, and its clones anywhere
        var project = ProjectTree.Open(Path.Combine(_root, "project"), new ProjectOptions { UserNamedPaths = [Path.Combine(_root, ".github/kingsnake-pins.toml")] });
        var pins = ActionPins.Load(project, "../.github/kingsnake-pins.toml", errors);
        Assert.Empty(errors);

        var checkout = pins.Resolve("actions/checkout", "v4.1.7")!;
        Assert.Equal(ShaA, checkout.Sha);
        Assert.Equal("../.github/kingsnake-pins.toml line 3", checkout.Origin);
        Assert.Equal(ShaB, pins.Resolve("example/tool", "nightly-2024")!.Sha);
        Assert.Equal(ShaA, pins.Resolve("actions/checkout", "v4")!.Sha); // a partial tag: the most trusted source that has a release under it
        Assert.Equal("f677139bbe7f9c59b41e40162b753c062f5d49a3", pins.Resolve("actions/setup-python", "v5")!.Sha); // not in the file: the built-in list

        Assert.Equal(ShaB, pins.Resolve("example/clone", "v1.0.0")!.Sha);
        Assert.Equal(ShaC, pins.Resolve("example/clone", "v2.0.0")!.Sha); // peeled to the commit
        Assert.Equal(LooseCommit, pins.Resolve("example/clone", "v2.1.0")!.Sha);
        Assert.Equal(LooseCommit, pins.Resolve("example/clone", "v2")!.Sha);
        Assert.Null(pins.Resolve("example/clone", "packed-object"));
        Assert.Null(pins.Resolve("example/clone", "main"));
        Assert.Equal("the local clone ../vendor/clone", pins.Resolve("example/clone", "v1.0.0")!.Origin);
    }

    [Theory]
    [InlineData("[pins]\n\"actions/checkout@v4\" = \"abc\"\n", 2, "must be a full 40-character commit SHA")]
    [InlineData("[pins]\n\"actions-checkout-v4\" = \"1111111111111111111111111111111111111111\"\n", 2, "is not \"owner/repo@tag\"")]
    [InlineData("[pin]\nx = 1\n", 1, "unknown key 'pin'")]
    [InlineData("[pins\n", 1, "invalid TOML")]
    [InlineData("[clones]\n\"a/b\" = \"no/such/dir\"\n", 2, "is not a git clone")]
    public void Malformed_pins_file_is_an_error_with_its_line_and_the_built_in_list_stays(string text, int line, string message)
    {
        Write(".github/kingsnake-pins.toml", text);
        var errors = new List<InputError>();
        var pins = ActionPins.Load(ProjectTree.Open(_root), null, errors);

        var error = Assert.Single(errors);
        Assert.Equal(".github/kingsnake-pins.toml", error.Location.Path);
        Assert.Equal(line, error.Location.StartLine);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(pins.Resolve("actions/checkout", "v4.1.7"));
    }

    [Fact]
    public void A_clone_the_projects_own_pins_file_names_outside_the_project_is_an_error_and_never_read()
    {
        Write("vendor/clone/.git/packed-refs", $"{ShaB} refs/tags/v1.0.0\n");
        Write("project/.github/kingsnake-pins.toml", "[clones]\n\"example/clone\" = \"../vendor/clone\"\n");
        var errors = new List<InputError>();
        var pins = ActionPins.Load(ProjectTree.Open(Path.Combine(_root, "project")), null, errors);
        var error = Assert.Single(errors);
        Assert.Equal(".github/kingsnake-pins.toml:2:19: clone 'example/clone': '../vendor/clone' leads outside the project; not read", error.ToString());
        Assert.Null(pins.Resolve("example/clone", "v1.0.0"));
    }

    [Fact]
    public void Missing_default_file_is_fine_and_a_missing_named_file_is_an_error()
    {
        var errors = new List<InputError>();
        ActionPins.Load(ProjectTree.Open(_root), null, errors);
        Assert.Empty(errors);

        ActionPins.Load(ProjectTree.Open(_root), "pins.toml", errors);
        Assert.Equal("pins.toml: no such pins file", Assert.Single(errors).ToString());
    }
}
