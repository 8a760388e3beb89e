using System.Globalization;
using System.Text.RegularExpressions;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>Durations as written in definitions: a sequence of number + unit (d, h, m, s), e.g. <c>72h</c>, <c>1d12h</c>, <c>90s</c>.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration; zero and negative durations are refused.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            var amount = double.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            duration += unit switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>Text that parses back to <paramref name="duration"/>: whole hours as <c>72h</c>, else minutes, else seconds.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds);
        return seconds % 3600 == 0 ? $"{seconds / 3600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }

    [GeneratedRegex(@"^\s*(?<part>\d+(\.\d+)?[dhms])+\s*$")]
    private static partial Regex DurationPattern();
}
