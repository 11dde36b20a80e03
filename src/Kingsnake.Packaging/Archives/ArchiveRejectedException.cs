using Kingsnake.Core.Findings;

namespace Kingsnake.Packaging.Archives;

/// <summary>
/// The archive as a whole is refused: it breaks a limit or names a member outside itself. Such an archive is hostile
/// or corrupt, so nothing read from it is trusted; the message names the limit or the member.
/// </summary>
public sealed class ArchiveRejectedException : InputFormatException
{
    public ArchiveRejectedException(string message)
        : base("archive rejected: " + message)
    {
    }

    public ArchiveRejectedException() : this("over a limit") { }

    public ArchiveRejectedException(string message, Exception inner)
        : base("archive rejected: " + message, inner)
    {
    }
}
