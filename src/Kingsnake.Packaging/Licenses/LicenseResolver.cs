using Kingsnake.Packaging.Metadata;

namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// What a distribution's core metadata and license files say its license is, as SBOM license entries
/// (<see cref="LicenseResolution"/>), taking the most precise statement there is:
/// <list type="number">
/// <item>A <c>License-Expression</c> (PEP 639): when valid, that expression, declared; when not, its words as a name.
/// PEP 639 says <c>License</c> and license classifiers are then ignored, and so they are.</item>
/// <item>A short one-line <c>License</c> field that is itself a valid SPDX expression (<c>MIT</c>, <c>Apache-2.0 OR
/// MIT</c>), declared. It comes before the classifiers because it is the author's own statement and can say
/// <c>OR</c> and <c>AND</c>, which classifiers cannot: orjson's <c>Apache-2.0 OR MIT</c> beside the classifiers
/// "Apache Software License" (ambiguous) and "MIT License".</item>
/// <item>License classifiers, when at least one maps to an SPDX id (<see cref="LicenseClassifiers"/>): each mapped one
/// an id (concluded), each unmapped one a name (declared). Several classifiers are listed side by side, not joined:
/// they may mean a choice (dual licensing), parts under different licenses, or the same license twice, and the
/// metadata does not say which, so no <c>AND</c> or <c>OR</c> is invented.</item>
/// <item>License texts recognised (<see cref="LicenseTextMatcher"/>): a long <c>License</c> field that quotes a whole
/// license, then the license files given; each distinct id once, concluded.</item>
/// <item>Names: a short free-text <c>License</c> (at most 200 characters, one line, not <c>UNKNOWN</c>) and the
/// unmapped license classifiers, declared.</item>
/// </list>
/// Empty when nothing is said at all.
/// </summary>
public static class LicenseResolver
{
    /// <summary>The longest <c>License</c> value taken as a name (longer ones are license texts, not names).</summary>
    public const int MaxNameLength = 200;

    /// <param name="metadata">The distribution's core metadata.</param>
    /// <param name="licenseFileTexts">The texts of its license files (PEP 639 <c>License-File</c> entries, or the
    /// <c>LICENSE*</c>/<c>COPYING*</c> files of its <c>.dist-info</c>), read by the caller with its bounds.</param>
    public static IReadOnlyList<LicenseResolution> Resolve(CoreMetadata metadata, IReadOnlyList<string> licenseFileTexts)
    {
        if (metadata.Get("License-Expression") is { } declared && declared.Trim().Length > 0)
        {
            var text = declared.Trim();
            return SpdxExpression.TryNormalize(text, out var normalized, out _)
                ? [new LicenseResolution { Expression = normalized, Source = LicenseResolution.FromLicenseExpression }]
                : [new LicenseResolution { Name = Bounded(text), Source = LicenseResolution.FromLicenseExpression }];
        }

        var field = metadata.Get("License")?.Trim() ?? "";
        if (IsUnknown(field))
        {
            field = "";
        }

        var isShort = field.Length is > 0 and <= MaxNameLength && !field.Contains('\n', StringComparison.Ordinal);
        if (isShort && SpdxExpression.TryNormalize(field, out var fieldExpression, out _))
        {
            return [new LicenseResolution { Expression = fieldExpression, Source = LicenseResolution.FromLicenseField }];
        }

        var mapped = new List<LicenseResolution>();
        var unmapped = new List<LicenseResolution>();
        foreach (var classifier in metadata.GetAll("Classifier"))
        {
            if (!LicenseClassifiers.IsLicenseClassifier(classifier) || NamesNoLicense(classifier))
            {
                continue;
            }

            if (LicenseClassifiers.ToSpdxId(classifier) is { } id)
            {
                AddOnce(mapped, new LicenseResolution { Id = id, Source = LicenseResolution.FromClassifier, Concluded = true });
            }
            else
            {
                AddOnce(unmapped, new LicenseResolution { Name = LicenseClassifiers.NameOf(classifier), Source = LicenseResolution.FromClassifier });
            }
        }

        if (mapped.Count > 0)
        {
            return [.. mapped, .. unmapped];
        }

        var recognised = new List<LicenseResolution>();
        if (field.Length > 0 && !isShort && LicenseTextMatcher.Identify(field) is { } quoted)
        {
            AddOnce(recognised, new LicenseResolution { Id = quoted, Source = LicenseResolution.FromLicenseField, Concluded = true });
        }

        foreach (var text in licenseFileTexts)
        {
            if (LicenseTextMatcher.Identify(text) is { } id && !recognised.Any(r => r.Id == id))
            {
                recognised.Add(new LicenseResolution { Id = id, Source = LicenseResolution.FromLicenseFile, Concluded = true });
            }
        }

        if (recognised.Count > 0)
        {
            return recognised;
        }

        var names = new List<LicenseResolution>();
        if (isShort)
        {
            names.Add(new LicenseResolution { Name = field, Source = LicenseResolution.FromLicenseField });
        }

        names.AddRange(unmapped);
        return names;
    }

    /// <summary>Values that tools write when nothing was given (setuptools' <c>UNKNOWN</c>).</summary>
    private static bool IsUnknown(string value) =>
        value.Length == 0 || value.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase) || value.Equals("None", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>License :: OSI Approved</c> and <c>License :: DFSG approved</c> say something about a license, not which.</summary>
    private static bool NamesNoLicense(string classifier)
    {
        var parts = classifier.Split("::", StringSplitOptions.TrimEntries);
        return parts.Length == 2 && (parts[1] == "OSI Approved" || parts[1] == "DFSG approved");
    }

    private static void AddOnce(List<LicenseResolution> list, LicenseResolution item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static string Bounded(string text) => text.Length <= SpdxExpression.MaxLength ? text : text[..SpdxExpression.MaxLength];
}
