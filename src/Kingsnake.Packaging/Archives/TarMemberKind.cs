namespace Kingsnake.Packaging.Archives;

/// <summary>What a tar member is: only regular files have contents to read; links are reported, never followed.</summary>
public enum TarMemberKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    HardLink,

    /// <summary>A device, FIFO or anything else an sdist has no business holding.</summary>
    Other,
}
