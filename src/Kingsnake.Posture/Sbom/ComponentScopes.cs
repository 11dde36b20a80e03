using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The CycloneDX scope of an inventory group: the main set is <c>required</c>; a group made only of the project's
/// extras is <c>optional</c> (installed on request); any other group (dev, test, docs, lint…) is <c>excluded</c>,
/// never reached at run time.
/// </summary>
internal static class ComponentScopes
{
    public static BomScope Of(string group, IReadOnlySet<string> extras)
    {
        if (group.Length == 0)
        {
            return BomScope.Required;
        }

        return group.Split(',').All(extras.Contains) ? BomScope.Optional : BomScope.Excluded;
    }
}
