using System.Collections.Frozen;

namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// Trove <c>License ::</c> classifiers mapped to the one SPDX license id each means, where it means exactly one.
/// A classifier that names a family without its version ("BSD License", "Apache Software License", "GNU Lesser General
/// Public License v2 (LGPLv2)", which may be 2.0 or 2.1, "Zope Public License", "Academic Free License (AFL)",
/// "Artistic License") or no license at all ("OSI Approved", "Public Domain", "Other/Proprietary License", "Freeware")
/// maps to null: the caller keeps it as a license name rather than guessing. GPL-family classifiers without "or later"
/// map to <c>-only</c> ids, with it to <c>-or-later</c>.
/// </summary>
public static class LicenseClassifiers
{
    /// <summary>Classifier text after <c>License :: </c> → SPDX id. Everything absent maps to null on purpose.</summary>
    private static readonly FrozenDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CC0 1.0 Universal (CC0 1.0) Public Domain Dedication"] = "CC0-1.0",
        ["CeCILL-B Free Software License Agreement (CECILL-B)"] = "CECILL-B",
        ["CeCILL-C Free Software License Agreement (CECILL-C)"] = "CECILL-C",
        ["Nokia Open Source License (NOKOS)"] = "Nokia",
        ["OSI Approved :: Attribution Assurance License"] = "AAL",
        ["OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)"] = "BlueOak-1.0.0",
        ["OSI Approved :: Boost Software License 1.0 (BSL-1.0)"] = "BSL-1.0",
        ["OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)"] = "CECILL-2.1",
        ["OSI Approved :: CMU License (MIT-CMU)"] = "MIT-CMU",
        ["OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)"] = "CDDL-1.0",
        ["OSI Approved :: Common Public License"] = "CPL-1.0", // 1.0 is its only version
        ["OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)"] = "EPL-1.0",
        ["OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)"] = "EPL-2.0",
        ["OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)"] = "EUPL-1.0",
        ["OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)"] = "EUPL-1.1",
        ["OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)"] = "EUPL-1.2",
        ["OSI Approved :: GNU Affero General Public License v3"] = "AGPL-3.0-only",
        ["OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)"] = "AGPL-3.0-or-later",
        ["OSI Approved :: GNU General Public License v2 (GPLv2)"] = "GPL-2.0-only",
        ["OSI Approved :: GNU General Public License v2 or later (GPLv2+)"] = "GPL-2.0-or-later",
        ["OSI Approved :: GNU General Public License v3 (GPLv3)"] = "GPL-3.0-only",
        ["OSI Approved :: GNU General Public License v3 or later (GPLv3+)"] = "GPL-3.0-or-later",
        ["OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)"] = "LGPL-3.0-only",
        ["OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)"] = "LGPL-3.0-or-later",
        ["OSI Approved :: Historical Permission Notice and Disclaimer (HPND)"] = "HPND",
        ["OSI Approved :: IBM Public License"] = "IPL-1.0", // 1.0 is its only version
        ["OSI Approved :: ISC License (ISCL)"] = "ISC",
        ["OSI Approved :: Intel Open Source License"] = "Intel",
        ["OSI Approved :: MIT License"] = "MIT",
        ["OSI Approved :: MIT No Attribution License (MIT-0)"] = "MIT-0",
        ["OSI Approved :: MirOS License (MirOS)"] = "MirOS",
        ["OSI Approved :: Motosoto License"] = "Motosoto",
        ["OSI Approved :: Mozilla Public License 1.0 (MPL)"] = "MPL-1.0",
        ["OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)"] = "MPL-1.1",
        ["OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)"] = "MPL-2.0",
        ["OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)"] = "MulanPSL-2.0",
        ["OSI Approved :: Nethack General Public License"] = "NGPL",
        ["OSI Approved :: Nokia Open Source License"] = "Nokia",
        ["OSI Approved :: Open Group Test Suite License"] = "OGTSL",
        ["OSI Approved :: Open Software License 3.0 (OSL-3.0)"] = "OSL-3.0",
        ["OSI Approved :: PostgreSQL License"] = "PostgreSQL",
        ["OSI Approved :: Python License (CNRI Python License)"] = "CNRI-Python",
        ["OSI Approved :: Python Software Foundation License"] = "PSF-2.0",
        ["OSI Approved :: Qt Public License (QPL)"] = "QPL-1.0", // the Q Public License has one version
        ["OSI Approved :: Ricoh Source Code Public License"] = "RSCPL",
        ["OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)"] = "OFL-1.1",
        ["OSI Approved :: Sleepycat License"] = "Sleepycat",
        ["OSI Approved :: Sun Public License"] = "SPL-1.0",
        ["OSI Approved :: The Unlicense (Unlicense)"] = "Unlicense",
        ["OSI Approved :: Universal Permissive License (UPL)"] = "UPL-1.0",
        ["OSI Approved :: University of Illinois/NCSA Open Source License"] = "NCSA",
        ["OSI Approved :: Vovida Software License 1.0"] = "VSL-1.0",
        ["OSI Approved :: X.Net License"] = "Xnet",
        ["OSI Approved :: Zero-Clause BSD (0BSD)"] = "0BSD",
        ["OSI Approved :: zlib/libpng License"] = "Zlib", // OSI's title for the zlib license
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The SPDX id <paramref name="classifier"/> means (<c>License :: OSI Approved :: MIT License</c> → <c>MIT</c>), or
    /// null when it is not a license classifier or does not name exactly one license. Surrounding and repeated spaces
    /// around <c>::</c> are tolerated; the words must be the classifier's own.
    /// </summary>
    public static string? ToSpdxId(string classifier)
    {
        var parts = classifier.Split("::", StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || parts[0] != "License")
        {
            return null;
        }

        return Map.TryGetValue(string.Join(" :: ", parts[1..]), out var id) ? id : null;
    }

    /// <summary>True when <paramref name="classifier"/> is a <c>License ::</c> classifier (mapped or not).</summary>
    public static bool IsLicenseClassifier(string classifier) =>
        classifier.TrimStart().StartsWith("License ::", StringComparison.Ordinal);

    /// <summary>The license's name in a classifier: its last segment (<c>License :: OSI Approved :: BSD License</c> → <c>BSD License</c>).</summary>
    public static string NameOf(string classifier)
    {
        var parts = classifier.Split("::", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? classifier.Trim() : parts[^1];
    }
}
