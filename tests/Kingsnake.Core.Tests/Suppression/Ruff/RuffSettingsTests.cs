using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>
/// Rule selection replayed as ruff does it. The layered cases were checked against ruff 0.17.4's WebAssembly build
/// (<c>select = ["S"], ignore = ["S1"], extend-select = ["S101"]</c> runs S101; <c>select = ["S1"], ignore = ["S"]</c>
/// runs S101).
/// </summary>
public sealed class RuffSettingsTests
{
    private static List<RuffSelector> S(params string[] texts) => [.. texts.Select((t, i) => new RuffSelector(t, new SourceSpan("ruff.toml", i + 1, 1)))];

    private static RuffSettings Settings(params RuffSelectionLayer[] layers) => new(["ruff.toml"], [RuffSelectionLayer.Defaults, .. layers], []);

    [Fact]
    public void The_most_specific_selector_decides_and_an_ignore_wins_a_tie()
    {
        var settings = Settings(new RuffSelectionLayer(S("S"), S("S101"), S("S1")));
        Assert.True(settings.Resolve("S101").Selected);
        Assert.Equal("S1", settings.Resolve("S105").IgnoredBy?.Text);
        Assert.True(settings.Resolve("S602").Selected);
        Assert.True(Settings(new RuffSelectionLayer(S("S1"), [], S("S"))).Resolve("S101").Selected);
        Assert.Equal("S101", Settings(new RuffSelectionLayer(S("S101"), [], S("S101"))).Resolve("S101").IgnoredBy?.Text);
    }

    [Fact]
    public void An_ignore_settles_only_codes_that_would_otherwise_run()
    {
        // ruff's defaults (E4, E7, E9, F) never run S101: ignoring it is no triage of it
        var unselected = Settings(new RuffSelectionLayer(null, [], S("S101")));
        Assert.Equal((false, null), unselected.Resolve("S101"));
        var selected = Settings(new RuffSelectionLayer(S("ALL"), [], S("S101")));
        Assert.Equal((false, "S101"), (selected.Resolve("S101").Selected, selected.Resolve("S101").IgnoredBy?.Text));
        Assert.False(Settings(new RuffSelectionLayer(S("ALL"), [], [])).Resolve("S101").IgnoredBy is not null);
    }

    [Fact]
    public void A_later_select_starts_afresh_and_a_later_extend_builds_on_what_is_there()
    {
        var reset = Settings(new RuffSelectionLayer(S("S"), [], S("S101")), new RuffSelectionLayer(S("E", "F"), [], []));
        Assert.Equal((false, null), reset.Resolve("S101"));
        Assert.False(reset.Resolve("S602").Selected);
        var extended = Settings(new RuffSelectionLayer(S("S"), [], S("S101")), new RuffSelectionLayer(null, S("B"), S("S602")));
        Assert.Equal("S101", extended.Resolve("S101").IgnoredBy?.Text);
        Assert.Equal("S602", extended.Resolve("S602").IgnoredBy?.Text);
        Assert.True(extended.Resolve("S603").Selected);
    }

    [Fact]
    public void Ignores_of_an_empty_select_carry_over_to_the_next_layer()
    {
        var settings = Settings(new RuffSelectionLayer(S(), [], S("S101")), new RuffSelectionLayer(S("S"), [], []));
        Assert.Equal("S101", settings.Resolve("S101").IgnoredBy?.Text);
        Assert.True(settings.Resolve("S102").Selected);
    }

    [Theory]
    [InlineData("S", "S101", true)]
    [InlineData("S1", "S101", true)]
    [InlineData("S10", "S101", true)]
    [InlineData("S101", "S101", true)]
    [InlineData("S2", "S101", false)]
    [InlineData("S", "SIM101", false)]
    [InlineData("ALL", "S101", true)]
    [InlineData("S1010", "S101", false)]
    public void Selectors_are_prefixes_that_stop_at_the_linter_boundary(string selector, string code, bool matches) =>
        Assert.Equal(matches, new RuffSelector(selector, default).Matches(code));
}
