namespace Kingsnake.Project;

/// <summary>A regular file of the project, found by the walk or named by the user.</summary>
/// <param name="RelativePath">'/'-separated, relative to the project root; findings name files by it.</param>
/// <param name="FullPath">Where the bytes are read from: the file itself, or the target of a link that stays inside the project.</param>
/// <param name="Kind">What the file is to Kingsnake.</param>
/// <param name="InDefaultExcludedDirectory">
/// Inside a virtual environment, installed-package, tox or build directory that the walk entered only because default
/// excludes were turned off (Bandit-compatible code scans); areas other than code leave such files alone.
/// </param>
public sealed record ProjectEntry(string RelativePath, string FullPath, ProjectFileKind Kind, bool InDefaultExcludedDirectory = false);
