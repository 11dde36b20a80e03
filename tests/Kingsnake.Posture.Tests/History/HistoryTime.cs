namespace Kingsnake.Posture.Tests.History;

/// <summary>The fixed time reference of the history tests, and instants relative to it.</summary>
internal static class HistoryTime
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);
}
