namespace Kingsnake.Dependencies.Reading;

/// <summary>The kinds of dependency input Kingsnake reads.</summary>
public enum DependencyFileKind
{
    Requirements,
    PyProject,
    PoetryLock,
    UvLock,
    PipfileLock,
    PdmLock,
    PyLock,
    Script,
    Environment,
}
