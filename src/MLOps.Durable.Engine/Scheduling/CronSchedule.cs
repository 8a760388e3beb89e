using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace MLOps.Durable.Scheduling;

/// <summary>
/// A six-field NCRONTAB schedule as used by Azure Functions timer triggers,
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, evaluated in the wall-clock time of a time zone.
/// </summary>
/// <remarks>
/// <para>
/// Each field is <c>*</c>, a value, a range <c>a-b</c>, a step <c>*/n</c>, <c>a-b/n</c> or <c>a/n</c> (a to the
/// field's maximum; Saturday for day-of-week), or a comma-separated list of these. Months take JAN-DEC and
/// days of the week SUN-SAT (case-insensitive); day-of-week 0 and 7 are both Sunday. Five-field cron
/// expressions are refused: Azure Functions requires the seconds field, and silently reading the minute as
/// the second would be worse.
/// </para>
/// <para>
/// Day-of-month and day-of-week must both match, as in NCrontab (the library Azure Functions uses), unlike
/// Vixie cron's either-matches rule: <c>0 0 4 1-7 * SUN</c> is the first Sunday of each month.
/// </para>
/// <para>
/// Daylight saving time follows Vixie cron. A schedule whose hour field selects every hour is an interval
/// schedule and keeps its cadence in elapsed time: wall-clock times skipped by spring-forward never happen,
/// and wall-clock times repeated by fall-back run in both passes. Any other schedule is fixed-time: an
/// occurrence in a spring-forward gap runs once at the first instant after the gap (02:30 on a 02:00-03:00 gap
/// runs at 03:00), and an occurrence in a fall-back overlap runs once, at its first (daylight time) instant.
/// </para>
/// </remarks>
public sealed class CronSchedule
{
    // Ten years reach every satisfiable schedule: 29 February is at most eight years away (2096 -> 2104).
    private const int SearchHorizonYears = 10;
    private static readonly DateTime LastSearchableWallTime = new(9999, 12, 30);
    private static readonly TimeSpan MaxUtcOffset = TimeSpan.FromHours(14);

    private static readonly CronField[] Fields =
    [
        new("second", 0, 59, 59, []),
        new("minute", 0, 59, 59, []),
        new("hour", 0, 23, 23, []),
        new("day", 1, 31, 31, []),
        new("month", 1, 12, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day-of-week", 0, 7, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    private readonly string _expression;
    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _days;
    private readonly ulong _months;
    private readonly ulong _daysOfWeek;
    private readonly bool _isInterval;

    private CronSchedule(string expression, ulong[] masks)
    {
        _expression = expression;
        (_seconds, _minutes, _hours, _days, _months) = (masks[0], masks[1], masks[2], masks[3], masks[4]);
        _daysOfWeek = masks[5];
        _isInterval = _hours == Fields[2].AllValues;
    }

    /// <summary>Parses a six-field NCRONTAB expression; throws a <see cref="FormatException"/> naming the bad field.</summary>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);
    }

    /// <summary>Parses a six-field NCRONTAB expression; on failure <paramref name="error"/> names the bad field.</summary>
    public static bool TryParse(
        string? expression,
        [NotNullWhen(true)] out CronSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var parts = (expression ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            error = DescribeFieldCount(expression ?? "", parts.Length);
            return false;
        }

        var masks = new ulong[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
        {
            var problem = Fields[i].TryParse(parts[i], out masks[i]);
            if (problem is not null)
            {
                error = $"field {i + 1} ({Fields[i].Name}): {problem} in '{expression}'";
                return false;
            }
        }

        schedule = new CronSchedule(expression!, masks);
        error = null;
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, evaluated in the wall-clock time of
    /// <paramref name="timeZone"/> and returned with the zone's offset at that instant; null when there is none
    /// within ten years (<c>0 0 0 30 2 *</c>).
    /// </summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var afterUtc = after.UtcDateTime;
        var localAfter = ToWallClock(afterUtc, timeZone);
        if (localAfter >= LastSearchableWallTime)
        {
            return null;
        }

        var limit = localAfter.Year + SearchHorizonYears < LastSearchableWallTime.Year
            ? localAfter.AddYears(SearchHorizonYears)
            : LastSearchableWallTime;
        var from = TruncateTo(localAfter, TimeSpan.TicksPerSecond).AddSeconds(1);

        if (_isInterval && timeZone.IsAmbiguousTime(localAfter))
        {
            var (early, late) = AmbiguousOffsets(timeZone, localAfter);
            if (timeZone.GetUtcOffset(afterUtc) == early)
            {
                // In the first pass of a repeated hour the second pass is still ahead, but its wall-clock times
                // lie behind `from`: finish the first pass, then search the second one from its start.
                var transition = FirstSecondWhere(afterUtc, afterUtc + (early - late), u => timeZone.GetUtcOffset(u) != early);
                var repeatStart = DateTime.SpecifyKind(transition + late, DateTimeKind.Unspecified);
                var repeatEnd = DateTime.SpecifyKind(transition + early, DateTimeKind.Unspecified);
                if (NextWallTime(from, repeatEnd.AddSeconds(-1)) is { } firstPass)
                {
                    return At(firstPass - early, timeZone);
                }

                if (NextWallTime(repeatStart, repeatEnd.AddSeconds(-1)) is { } secondPass)
                {
                    return At(secondPass - late, timeZone);
                }

                from = repeatEnd;
            }
        }

        while (NextWallTime(from, limit) is { } wall)
        {
            if (timeZone.IsInvalidTime(wall))
            {
                var gapEnd = FirstSecondWhere(wall - MaxUtcOffset, wall + MaxUtcOffset, u => ToWallClock(u, timeZone) > wall);
                if (!_isInterval && gapEnd > afterUtc)
                {
                    return At(gapEnd, timeZone);
                }

                from = ToWallClock(gapEnd, timeZone);
                continue;
            }

            if (timeZone.IsAmbiguousTime(wall))
            {
                var (early, late) = AmbiguousOffsets(timeZone, wall);
                if (wall - early > afterUtc)
                {
                    return At(wall - early, timeZone);
                }

                if (_isInterval && wall - late > afterUtc)
                {
                    return At(wall - late, timeZone);
                }
            }
            else if (wall - timeZone.GetUtcOffset(wall) > afterUtc)
            {
                return At(wall - timeZone.GetUtcOffset(wall), timeZone);
            }

            from = wall.AddSeconds(1);
        }

        return null;
    }

    /// <summary>The occurrences in (<paramref name="afterExclusive"/>, <paramref name="beforeInclusive"/>], in UTC.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset afterExclusive, DateTimeOffset beforeInclusive) =>
        GetOccurrences(afterExclusive, beforeInclusive, TimeZoneInfo.Utc);

    /// <summary>The occurrences in (<paramref name="afterExclusive"/>, <paramref name="beforeInclusive"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(
        DateTimeOffset afterExclusive,
        DateTimeOffset beforeInclusive,
        TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        return Enumerate(afterExclusive, beforeInclusive, timeZone);
    }

    /// <summary>The expression as it was parsed.</summary>
    public override string ToString() => _expression;

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset after, DateTimeOffset before, TimeZoneInfo timeZone)
    {
        while (GetNextOccurrence(after, timeZone) is { } next && next <= before)
        {
            yield return next;
            after = next;
        }
    }

    /// <summary>
    /// The first matching wall-clock time at or after <paramref name="from"/> (whole seconds), up to
    /// <paramref name="limit"/>; it skips a whole month, day, hour or minute at a time.
    /// </summary>
    private DateTime? NextWallTime(DateTime from, DateTime limit)
    {
        var t = from;
        while (t <= limit)
        {
            if (!Contains(_months, t.Month))
            {
                var month = NextValue(_months, t.Month + 1);
                if (month < 0 && t.Year == LastSearchableWallTime.Year)
                {
                    return null;
                }

                t = month >= 0 ? new DateTime(t.Year, month, 1) : new DateTime(t.Year + 1, NextValue(_months, 0), 1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!Contains(_hours, t.Hour))
            {
                var hour = NextValue(_hours, t.Hour + 1);
                t = hour >= 0 ? t.Date.AddHours(hour) : t.Date.AddDays(1);
            }
            else if (!Contains(_minutes, t.Minute))
            {
                var minute = NextValue(_minutes, t.Minute + 1);
                var hourStart = TruncateTo(t, TimeSpan.TicksPerHour);
                t = minute >= 0 ? hourStart.AddMinutes(minute) : hourStart.AddHours(1);
            }
            else if (!Contains(_seconds, t.Second))
            {
                var second = NextValue(_seconds, t.Second + 1);
                var minuteStart = TruncateTo(t, TimeSpan.TicksPerMinute);
                t = second >= 0 ? minuteStart.AddSeconds(second) : minuteStart.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    private bool DayMatches(DateTime date)
    {
        var day = Contains(_days, date.Day);
        var dayOfWeek = Contains(_daysOfWeek, (int)date.DayOfWeek);
        return day && dayOfWeek;
    }

    private static bool Contains(ulong mask, int value) => (mask & (1UL << value)) != 0;

    /// <summary>The smallest value in <paramref name="mask"/> at or above <paramref name="from"/>, or -1.</summary>
    private static int NextValue(ulong mask, int from)
    {
        var rest = from > 63 ? 0 : mask & (ulong.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    private static (TimeSpan Early, TimeSpan Late) AmbiguousOffsets(TimeZoneInfo timeZone, DateTime wall)
    {
        var offsets = timeZone.GetAmbiguousTimeOffsets(wall);
        return (offsets.Max(), offsets.Min());
    }

    /// <summary>
    /// Binary search for the first whole UTC second in (<paramref name="low"/>, <paramref name="high"/>] where
    /// <paramref name="predicate"/> holds; it must be false at low and true at high. Used only at transitions.
    /// </summary>
    private static DateTime FirstSecondWhere(DateTime low, DateTime high, Func<DateTime, bool> predicate)
    {
        var lo = low.Ticks / TimeSpan.TicksPerSecond;
        var hi = (high.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (predicate(new DateTime(mid * TimeSpan.TicksPerSecond, DateTimeKind.Utc)))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return new DateTime(hi * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static DateTime ToWallClock(DateTime utc, TimeZoneInfo timeZone) =>
        DateTime.SpecifyKind(
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone),
            DateTimeKind.Unspecified);

    private static DateTimeOffset At(DateTime utc, TimeZoneInfo timeZone)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(instant).ToOffset(timeZone.GetUtcOffset(instant));
    }

    private static DateTime TruncateTo(DateTime value, long ticks) => value.AddTicks(-(value.Ticks % ticks));

    private static string DescribeFieldCount(string expression, int count)
    {
        const string Layout = "{second} {minute} {hour} {day} {month} {day-of-week}";
        return count switch
        {
            0 => $"the schedule is empty; an NCRONTAB schedule needs 6 fields: {Layout}",
            5 => $"'{expression}' has 5 fields but an NCRONTAB schedule needs 6: {Layout}; " +
                 $"for a five-field cron expression prepend the second, e.g. '0 {expression.Trim()}'",
            _ => $"'{expression}' has {count} field{(count == 1 ? "" : "s")} but an NCRONTAB schedule needs 6: {Layout}",
        };
    }

    /// <summary>
    /// One field's range and names; <see cref="WildcardMax"/> is where <c>*</c> and <c>a/n</c> stop (6 for
    /// day-of-week, which also takes 7).
    /// </summary>
    private sealed record CronField(string Name, int Min, int Max, int WildcardMax, string[] Names)
    {
        public ulong AllValues { get; } = (ulong.MaxValue >> (63 - WildcardMax)) & (ulong.MaxValue << Min);

        /// <summary>Returns null and the field's value set, or what is wrong with <paramref name="text"/>.</summary>
        public string? TryParse(string text, out ulong mask)
        {
            mask = 0;
            foreach (var item in text.Split(','))
            {
                var stepParts = item.Split('/');
                if (item.Length == 0 || stepParts.Length > 2)
                {
                    return $"'{text}' is not a list of values, ranges a-b, steps or '*'";
                }

                int start, end;
                var range = stepParts[0];
                if (range == "*")
                {
                    (start, end) = (Min, WildcardMax);
                }
                else
                {
                    var bounds = range.Split('-');
                    if (bounds.Length > 2 || bounds.Any(string.IsNullOrEmpty))
                    {
                        return $"'{item}' is not a value, a range a-b or '*'";
                    }

                    if (TryParseValue(bounds[0], out start) is { } startProblem)
                    {
                        return startProblem;
                    }

                    end = stepParts.Length == 2 ? WildcardMax : start;
                    if (bounds.Length == 2 && TryParseValue(bounds[1], out end) is { } endProblem)
                    {
                        return endProblem;
                    }

                    if (start > end)
                    {
                        return $"range '{range}' is reversed ({start} > {end}); the start must not exceed the end";
                    }
                }

                var step = 1;
                if (stepParts.Length == 2 && (!TryParseNumber(stepParts[1], out step) || step < 1 || step > Max))
                {
                    return $"step '{stepParts[1]}' in '{item}' must be a number from 1 to {Max}";
                }

                for (var value = start; value <= end; value += step)
                {
                    mask |= 1UL << value;
                }
            }

            // Day-of-week 7 is Sunday, like 0.
            if (Max > WildcardMax && Contains(mask, Max))
            {
                mask = (mask & ~(1UL << Max)) | (1UL << Min);
            }

            return null;
        }

        private string? TryParseValue(string text, out int value)
        {
            if (IsDigits(text))
            {
                return TryParseNumber(text, out value) && value >= Min && value <= Max
                    ? null
                    : $"'{text}' is out of range {Min}-{Max}";
            }

            var index = Array.FindIndex(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            value = index + (Min == 1 ? 1 : 0);
            return index >= 0
                ? null
                : Names.Length == 0
                    ? $"'{text}' is not a number"
                    : $"'{text}' is not a number or a {Name} name ({Names[0]}-{Names[^1]})";
        }

        private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

        private static bool TryParseNumber(string text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
