namespace Kingsnake.Core.Shell;

/// <summary>
/// One word of a command after quote removal. <see cref="Text"/> keeps expansions unexpanded (<c>$GITHUB_ENV</c> stays
/// that text); <see cref="Expands"/> is true when part of it is expanded by the shell (a parameter, a command
/// substitution, <c>%NAME%</c>) rather than taken literally. <see cref="Quoted"/> is true when any part was quoted or
/// escaped, <see cref="StartsQuoted"/> when its first character was a quote (<c>'A=1'</c> is a string, not an assignment).
/// </summary>
public sealed record ShellWord(string Text, int Start, int End, bool Expands, bool Quoted, bool StartsQuoted = false);
