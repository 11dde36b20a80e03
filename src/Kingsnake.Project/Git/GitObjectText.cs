using System.Text;

namespace Kingsnake.Project.Git;

/// <summary>
/// The layout commits and tags share: header lines (<c>key value</c>, a line starting with a space continuing the one
/// before), a blank line, then the message. Headers are decoded whole (they are small in any real object); the
/// message is cut at <see cref="MaxMessageBytes"/>.
/// </summary>
internal static class GitObjectText
{
    /// <summary>The longest message kept; the rest of a longer one is dropped, as the score needs subjects, not essays.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Splits <paramref name="body"/> into its header lines (continuations joined with newlines) and its message bytes.</summary>
    public static List<(string Key, string Value)> Split(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> message)
    {
        var end = body.IndexOf("\n\n"u8);
        var headerBytes = end < 0 ? body : body[..end];
        message = end < 0 ? [] : body[(end + 2)..];
        var headers = new List<(string Key, string Value)>();
        foreach (var line in Encoding.UTF8.GetString(headerBytes).Split('\n'))
        {
            if (line.StartsWith(' ') && headers.Count > 0)
            {
                headers[^1] = (headers[^1].Key, headers[^1].Value + "\n" + line[1..]);
                continue;
            }

            var space = line.IndexOf(' ');
            headers.Add(space < 0 ? (line, "") : (line[..space], line[(space + 1)..]));
        }

        return headers;
    }

    public static string Message(ReadOnlySpan<byte> message) =>
        Encoding.UTF8.GetString(message.Length > MaxMessageBytes ? message[..MaxMessageBytes] : message);

    /// <summary>The kind of signature an armored block starting at <paramref name="armor"/> is; None when it is no armor git knows.</summary>
    public static GitSignatureKind KindOfArmor(ReadOnlySpan<char> armor) =>
        armor.StartsWith("-----BEGIN PGP SIGNATURE-----") ? GitSignatureKind.OpenPgp
        : armor.StartsWith("-----BEGIN SSH SIGNATURE-----") ? GitSignatureKind.Ssh
        : armor.StartsWith("-----BEGIN SIGNED MESSAGE-----") ? GitSignatureKind.X509
        : GitSignatureKind.None;

    /// <summary>The same for bytes, where a message is searched before it is cut and decoded.</summary>
    public static GitSignatureKind KindOfArmor(ReadOnlySpan<byte> armor) =>
        armor.StartsWith("-----BEGIN PGP SIGNATURE-----"u8) ? GitSignatureKind.OpenPgp
        : armor.StartsWith("-----BEGIN SSH SIGNATURE-----"u8) ? GitSignatureKind.Ssh
        : armor.StartsWith("-----BEGIN SIGNED MESSAGE-----"u8) ? GitSignatureKind.X509
        : GitSignatureKind.None;
}
