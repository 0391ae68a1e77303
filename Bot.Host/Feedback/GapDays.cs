using System.Globalization;

namespace Bot.Host.Feedback;

/// <summary>The period of /gaps and `gaps --days`: 7 days when not given, at most a year.</summary>
public static class GapDays
{
    public const int Default = 7;

    public static bool TryParse(string? text, out int days)
    {
        days = Default;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= 366;
    }
}
