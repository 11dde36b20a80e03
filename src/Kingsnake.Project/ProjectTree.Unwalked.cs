namespace Kingsnake.Project;

public sealed partial class ProjectTree
{
    /// <summary>
    /// A project that is not walked: no files are listed, but <see cref="Read"/>, <see cref="ResolveReference"/> and
    /// confinement work as for a walked one. For reading only named files (a reader run on one file, inputs named on
    /// the command line) without listing a tree that may be large.
    /// </summary>
    public static ProjectTree Unwalked(string rootPath, ProjectOptions? options = null)
    {
        options ??= ProjectOptions.Default;
        return new ProjectTree(new ProjectReader(rootPath, options.UserNamedPaths, options.MaxFileBytes), options, [], [], [], []);
    }
}
