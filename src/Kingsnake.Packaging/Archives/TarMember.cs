namespace Kingsnake.Packaging.Archives;

/// <summary>One member of a tar archive read by <see cref="SafeTarReader"/>, its name (and link target) checked to stay inside the archive.</summary>
public sealed record TarMember(string Name, TarMemberKind Kind, long DeclaredLength, string? LinkTarget);
