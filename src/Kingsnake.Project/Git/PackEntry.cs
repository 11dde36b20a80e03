namespace Kingsnake.Project.Git;

/// <summary>
/// One entry's header in a pack: its type code (1–4 an object, 6 an offset delta, 7 a reference delta), its declared
/// inflated size (for a delta, the size of the delta instructions), where its compressed data starts, and for an offset
/// delta where its base starts (-1 otherwise).
/// </summary>
internal readonly record struct PackEntry(int TypeCode, long Size, long DataOffset, long BaseOffset);
