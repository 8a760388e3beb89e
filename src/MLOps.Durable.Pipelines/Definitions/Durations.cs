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

    /// <summary>The shortest text that parses back to <paramref name="duration"/> (whole seconds).</summary>
    public static string Format(TimeSpan duration)
    {
        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add($"{duration.Days}d");
        }

        if (duration.Hours > 0)
        {
            parts.Add($"{duration.Hours}h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes}m");
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Seconds}s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"^\s*(?<part>\d+(\.\d+)?[dhms])+\s*$")]
    private static partial Regex DurationPattern();
}
