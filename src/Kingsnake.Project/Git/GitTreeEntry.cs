namespace Kingsnake.Project.Git;

/// <summary>
/// One entry of a tree: its name (or, from <see cref="GitObjectStore.ListFiles"/>, its path from the root with
/// <c>/</c>), its mode as git writes it (<c>100644</c> file, <c>100755</c> executable, <c>120000</c> link,
/// <c>40000</c> tree, <c>160000</c> submodule commit), and the object id.
/// </summary>
public sealed record GitTreeEntry(string Name, int Mode, string Id)
{
    public bool IsTree => Mode == 0x4000; // 040000 octal

    public bool IsSubmodule => Mode == 0xE000; // 0160000 octal

    /// <summary>A file the tree holds: regular, executable or a symbolic link (whose blob is the link's target).</summary>
    public bool IsFile => (Mode & 0xF000) is 0x8000 or 0xA000;
}
