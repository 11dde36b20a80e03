using System.Text.RegularExpressions;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The people and organisations core metadata names: <c>Author</c>/<c>Author-email</c> are the authors,
/// <c>Maintainer</c>/<c>Maintainer-email</c> (else the authors) the supplier. The e-mail fields hold RFC 822 address
/// lists (<c>Jane Doe &lt;jane@example.org&gt;, ops@example.org</c>); an address that is not a plain
/// <c>local@domain</c> is kept as a name only, so that no malformed e-mail reaches the BOM.
/// </summary>
public static partial class MetadataParties
{
    public static IReadOnlyList<BomParty> Authors(CoreMetadata metadata) => Parties(metadata.Get("Author"), metadata.Get("Author-email"));

    /// <summary>The first maintainer, else the first author; null when the metadata names nobody.</summary>
    public static BomParty? Supplier(CoreMetadata metadata) =>
        Parties(metadata.Get("Maintainer"), metadata.Get("Maintainer-email")).FirstOrDefault() ?? Authors(metadata).FirstOrDefault();

    /// <summary>The parties of a name field and an address-list field: named addresses first, then a bare name field.</summary>
    internal static IReadOnlyList<BomParty> Parties(string? names, string? emails)
    {
        var parties = new List<BomParty>();
        foreach (var address in SplitAddresses(emails))
        {
            var match = NamedAddress().Match(address);
            var (name, email) = match.Success
                ? (match.Groups["name"].Value.Trim().Trim('"').Trim(), match.Groups["email"].Value.Trim())
                : ("", address.Trim());
            if (!IsPlainEmail(email))
            {
                (name, email) = (name.Length > 0 ? name : email, "");
            }

            if (name.Length > 0 || email.Length > 0)
            {
                parties.Add(new BomParty(name.Length > 0 ? name : null, email.Length > 0 ? email : null));
            }
        }

        var bareName = names?.Trim();
        if (!string.IsNullOrEmpty(bareName) && !bareName.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase)
            && !parties.Any(p => string.Equals(p.Name, bareName, StringComparison.Ordinal)))
        {
            if (parties.Count == 1 && parties[0].Name is null)
            {
                parties[0] = parties[0] with { Name = bareName };
            }
            else
            {
                parties.Insert(0, new BomParty(bareName, null));
            }
        }

        return parties;
    }

    /// <summary>Splits an address list on commas outside quotes and angle brackets.</summary>
    private static IEnumerable<string> SplitAddresses(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            yield break;
        }

        var start = 0;
        var quoted = false;
        var angle = false;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || (list[i] == ',' && !quoted && !angle))
            {
                var part = list[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
                continue;
            }

            switch (list[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '<':
                    angle = true;
                    break;
                case '>':
                    angle = false;
                    break;
            }
        }
    }

    /// <summary>ASCII <c>local@domain.tld</c> with no space, bracket, quote or second <c>@</c>.</summary>
    public static bool IsPlainEmail(string email) => PlainEmail().IsMatch(email);

    [GeneratedRegex(@"^(?<name>[^<]*)<(?<email>[^>]*)>\s*$")]
    private static partial Regex NamedAddress();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex PlainEmail();
}
