using System.Text.Json;
using Kingsnake.Packaging.Licenses;

namespace Kingsnake.Packaging.Tests.Licenses;

/// <summary>The SPDX list against CycloneDX's schema, and expressions as SPDX 2.3 annex D defines them.</summary>
public sealed class SpdxExpressionTests
{
    [Fact]
    public void The_embedded_lists_are_the_schema_enum_split_into_licenses_and_exceptions()
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(SharedData.File("schemas/cyclonedx/spdx.schema.json")));
        var all = schema.RootElement.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        var licenses = SpdxLicenseList.LicenseIds.ToList();
        var exceptions = SpdxLicenseList.ExceptionIds.ToList();
        Assert.Equal(all.Count, licenses.Count + exceptions.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), licenses.Concat(exceptions).Order(StringComparer.Ordinal));
        Assert.Equal(727, licenses.Count);
        Assert.Equal(84, exceptions.Count);

        // exceptions are what SPDX publishes as exceptions, including two without "exception" in the id
        Assert.True(SpdxLicenseList.IsExceptionId("Classpath-exception-2.0"));
        Assert.True(SpdxLicenseList.IsExceptionId("LLVM-exception"));
        Assert.True(SpdxLicenseList.IsExceptionId("Linux-syscall-note"));
        Assert.True(SpdxLicenseList.IsExceptionId("SHL-2.1"));
        Assert.False(SpdxLicenseList.IsLicenseId("LLVM-exception"));
        // deprecated license ids that contain "exception" stay license ids
        Assert.True(SpdxLicenseList.IsLicenseId("GPL-2.0-with-classpath-exception"));
        Assert.False(SpdxLicenseList.IsExceptionId("GPL-2.0-with-classpath-exception"));
        Assert.True(SpdxLicenseList.IsLicenseId("MPL-2.0-no-copyleft-exception"));
    }

    [Theory]
    [InlineData("mit", "MIT")]
    [InlineData("APACHE-2.0", "Apache-2.0")]
    [InlineData("gpl-3.0-or-later", "GPL-3.0-or-later")]
    [InlineData("0bsd", "0BSD")]
    [InlineData("psf-2.0", "PSF-2.0")]
    [InlineData("BSD", null)]
    [InlineData("Apache", null)]
    [InlineData("LLVM-exception", null)]
    public void Canonical_gives_the_list_casing(string id, string? expected) =>
        Assert.Equal(expected, SpdxLicenseList.Canonical(id));

    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")]
    [InlineData("MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("apache-2.0  or   mit", "Apache-2.0 OR MIT")]
    [InlineData("Apache-2.0 and BSD-3-Clause", "Apache-2.0 AND BSD-3-Clause")]
    [InlineData("(MIT)", "MIT")]
    [InlineData("((MIT OR (Apache-2.0)))", "MIT OR Apache-2.0")]
    [InlineData("(MIT AND BSD-2-Clause) OR ISC", "MIT AND BSD-2-Clause OR ISC")]
    [InlineData("MIT AND (BSD-2-Clause OR ISC)", "MIT AND (BSD-2-Clause OR ISC)")]
    [InlineData("(MIT OR ISC) AND (Zlib OR 0BSD)", "(MIT OR ISC) AND (Zlib OR 0BSD)")]
    [InlineData("MIT OR (ISC OR Zlib)", "MIT OR ISC OR Zlib")]
    [InlineData("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("apache-2.0 with llvm-exception", "Apache-2.0 WITH LLVM-exception")]
    [InlineData("Apache-2.0 WITH LLVM-exception OR MIT", "Apache-2.0 WITH LLVM-exception OR MIT")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    [InlineData("lgpl-2.1+ AND mit", "LGPL-2.1+ AND MIT")]
    [InlineData("LicenseRef-Proprietary", "LicenseRef-Proprietary")]
    [InlineData("licenseref-My.License-1", "LicenseRef-My.License-1")]
    [InlineData("MIT OR DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "MIT OR DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")]
    [InlineData("BSD-3-Clause AND Python-2.0 AND (Apache-2.0 OR BSD-2-Clause)", "BSD-3-Clause AND Python-2.0 AND (Apache-2.0 OR BSD-2-Clause)")]
    [InlineData("\tMIT\n", "MIT")]
    public void Valid_expressions_normalize(string text, string expected)
    {
        Assert.True(SpdxExpression.TryNormalize(text, out var normalized, out var error), error);
        Assert.Null(error);
        Assert.Equal(expected, normalized);
        // the normal form is a fixed point
        Assert.True(SpdxExpression.TryNormalize(normalized, out var again, out _));
        Assert.Equal(normalized, again);
    }

    [Theory]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData("BSD", "'BSD' is not an SPDX license id")]
    [InlineData("Apache 2.0", "'Apache' is not")]
    [InlineData("MIT License", "unexpected 'License'")]
    [InlineData("MIT OR", "missing at the end")]
    [InlineData("OR MIT", "missing before 'OR'")]
    [InlineData("MIT AND AND ISC", "missing before 'AND'")]
    [InlineData("(MIT", "missing ')'")]
    [InlineData("MIT)", "unbalanced ')'")]
    [InlineData("MIT WITH", "exception id is missing")]
    [InlineData("MIT WITH GPL-2.0-only", "not an SPDX license exception id")]
    [InlineData("LLVM-exception", "not an SPDX license id")]
    [InlineData("MIT/Apache-2.0", "unexpected '/'")]
    [InlineData("MIT, ISC", "unexpected ','")]
    [InlineData("LicenseRef-", "not an SPDX license id")]
    [InlineData("LicenseRef-a+", "'+' cannot follow")]
    [InlineData("(MIT) WITH LLVM-exception", "unexpected 'WITH'")]
    [InlineData("DocumentRef-:LicenseRef-x", "not an SPDX license id")]
    [InlineData("MIT:x", "not an SPDX license id")]
    public void Invalid_expressions_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(SpdxExpression.TryNormalize(text, out var normalized, out var error));
        Assert.Equal("", normalized);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_is_bounded_in_length_and_depth()
    {
        var deep = new string('(', 64) + "MIT" + new string(')', 64);
        Assert.True(SpdxExpression.TryNormalize(deep, out var normalized, out _));
        Assert.Equal("MIT", normalized);

        var tooDeep = new string('(', 65) + "MIT" + new string(')', 65);
        Assert.False(SpdxExpression.TryNormalize(tooDeep, out _, out var error));
        Assert.Contains("deeper than 64", error, StringComparison.Ordinal);

        Assert.False(SpdxExpression.TryNormalize(new string(' ', 4097), out _, out error));
        Assert.Contains("longer than 4096", error, StringComparison.Ordinal);
        // within the bound, a long flat expression is fine (no recursion per operator)
        var flat = string.Join(" OR ", Enumerable.Repeat("MIT", 580));
        Assert.True(flat.Length <= 4096);
        Assert.True(SpdxExpression.TryNormalize(flat, out normalized, out _));
        Assert.Equal(flat, normalized);
    }

    [Fact]
    public void License_ids_lists_ids_without_exceptions()
    {
        Assert.Equal(["GPL-2.0-or-later", "MIT", "LicenseRef-x"], SpdxExpression.LicenseIds("gpl-2.0-or-later WITH Classpath-exception-2.0 OR (mit AND LicenseRef-x)"));
        Assert.Empty(SpdxExpression.LicenseIds("MIT OR"));
    }
}
