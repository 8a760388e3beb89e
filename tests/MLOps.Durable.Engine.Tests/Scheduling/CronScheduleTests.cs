using System.Globalization;
using MLOps.Durable.Scheduling;

namespace MLOps.Durable.Engine.Tests.Scheduling;

/// <summary>
/// Six-field NCRONTAB schedules: next occurrences worked out by hand from the calendar (2026-01-01 is a
/// Thursday; Berlin changes clocks on 2026-03-29 and 2026-10-25, New York on 2026-03-08 and 2026-11-01),
/// the daylight saving rules, and parse errors that name the field.
/// </summary>
public sealed class CronScheduleTests
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:sszzz";

    [Theory]
    // Steps, values and ranges in UTC.
    [InlineData("0 */5 * * * *", "UTC", "2026-01-15T10:07:30+00:00", "2026-01-15T10:10:00+00:00")]
    [InlineData("0 */5 * * * *", "UTC", "2026-01-15T10:10:00+00:00", "2026-01-15T10:15:00+00:00")]
    [InlineData("0 */5 * * * *", "UTC", "2026-01-15T12:07:30+02:00", "2026-01-15T10:10:00+00:00")]
    [InlineData("0 0 2 * * *", "UTC", "2026-01-15T01:59:59+00:00", "2026-01-15T02:00:00+00:00")]
    [InlineData("0 0 2 * * *", "UTC", "2026-01-15T02:00:00+00:00", "2026-01-16T02:00:00+00:00")]
    [InlineData("0 30 9 * * 1-5", "UTC", "2026-01-14T09:29:59+00:00", "2026-01-14T09:30:00+00:00")]
    [InlineData("0 30 9 * * 1-5", "UTC", "2026-01-16T10:00:00+00:00", "2026-01-19T09:30:00+00:00")]
    [InlineData("0 0 12 * * MON,WED,FRI", "UTC", "2026-01-16T12:00:00+00:00", "2026-01-19T12:00:00+00:00")]
    [InlineData("0 0 12 * * mon,Wed,FRI", "UTC", "2026-01-19T12:00:01+00:00", "2026-01-21T12:00:00+00:00")]
    [InlineData("0 0 0 1 JAN *", "UTC", "2026-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00")]
    [InlineData("0 0-30/10 8 * * *", "UTC", "2026-01-15T08:20:00+00:00", "2026-01-15T08:30:00+00:00")]
    [InlineData("0 0-30/10 8 * * *", "UTC", "2026-01-15T08:30:00+00:00", "2026-01-16T08:00:00+00:00")]
    [InlineData("0 5/20 * * * *", "UTC", "2026-01-15T10:45:00+00:00", "2026-01-15T11:05:00+00:00")]
    [InlineData("0 0 8-10,14 * * *", "UTC", "2026-01-15T10:00:00+00:00", "2026-01-15T14:00:00+00:00")]
    [InlineData("0 0 0 1 JUN-AUG *", "UTC", "2026-09-01T00:00:00+00:00", "2027-06-01T00:00:00+00:00")]
    [InlineData("0 0 0 1 */3 *", "UTC", "2026-02-10T00:00:00+00:00", "2026-04-01T00:00:00+00:00")]
    [InlineData("*/15 * * * * *", "UTC", "2026-01-15T10:00:14+00:00", "2026-01-15T10:00:15+00:00")]
    [InlineData("*/15 * * * * *", "UTC", "2026-01-15T10:00:45.5+00:00", "2026-01-15T10:01:00+00:00")]
    // Year rollovers and the leap day (2100 is not a leap year).
    [InlineData("59 59 23 31 12 *", "UTC", "2026-12-31T23:59:59+00:00", "2027-12-31T23:59:59+00:00")]
    [InlineData("* * * * * *", "UTC", "2026-12-31T23:59:59+00:00", "2027-01-01T00:00:00+00:00")]
    [InlineData("0 0 0 29 2 *", "UTC", "2026-03-01T00:00:00+00:00", "2028-02-29T00:00:00+00:00")]
    [InlineData("0 0 0 29 FEB *", "UTC", "2096-03-01T00:00:00+00:00", "2104-02-29T00:00:00+00:00")]
    [InlineData("0 0 0 31 * *", "UTC", "2026-04-01T00:00:00+00:00", "2026-05-31T00:00:00+00:00")]
    // Day of month AND day of week must both match, as in NCrontab (Azure Functions).
    [InlineData("0 0 0 13 * FRI", "UTC", "2026-01-01T00:00:00+00:00", "2026-02-13T00:00:00+00:00")]
    [InlineData("0 0 0 13 * FRI", "UTC", "2026-02-13T00:00:00+00:00", "2026-03-13T00:00:00+00:00")]
    [InlineData("0 0 4 1-7 * 0", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-04T04:00:00+00:00")]
    [InlineData("0 0 4 1-7 * SUN", "UTC", "2026-01-04T04:00:00+00:00", "2026-02-01T04:00:00+00:00")]
    [InlineData("0 0 0 1 * MON", "UTC", "2026-01-30T00:00:00+00:00", "2026-06-01T00:00:00+00:00")]
    [InlineData("0 0 0 15 * 0-6", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-15T00:00:00+00:00")]
    [InlineData("0 0 0 * * SAT", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-03T00:00:00+00:00")]
    // Sunday is 0, 7 and SUN; 1/2 stops at Saturday (6), so it is Monday, Wednesday, Friday.
    [InlineData("0 0 6 * * 0", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-04T06:00:00+00:00")]
    [InlineData("0 0 6 * * 7", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-04T06:00:00+00:00")]
    [InlineData("0 0 6 * * sun", "UTC", "2026-01-01T00:00:00+00:00", "2026-01-04T06:00:00+00:00")]
    [InlineData("0 0 9 * * 5-7", "UTC", "2026-01-03T10:00:00+00:00", "2026-01-04T09:00:00+00:00")]
    [InlineData("0 0 0 * * 1/2", "UTC", "2026-01-16T00:00:00+00:00", "2026-01-19T00:00:00+00:00")]
    // Europe/Berlin: wall-clock time, returned with the offset in force.
    [InlineData("0 0 12 * * *", "Europe/Berlin", "2026-01-15T10:30:00+00:00", "2026-01-15T12:00:00+01:00")]
    [InlineData("0 0 12 * * *", "Europe/Berlin", "2026-07-15T12:00:00+02:00", "2026-07-16T12:00:00+02:00")]
    // Berlin spring-forward (02:00 -> 03:00): a fixed time in the gap runs at 03:00, once.
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00")]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00")]
    [InlineData("0 */15 2 * * *", "Europe/Berlin", "2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00")]
    [InlineData("0 */15 2 * * *", "Europe/Berlin", "2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00")]
    [InlineData("0 59 1 * * *", "Europe/Berlin", "2026-03-28T12:00:00+01:00", "2026-03-29T01:59:00+01:00")]
    // ... an interval schedule (every hour) keeps its elapsed-time cadence and skips the gap.
    [InlineData("0 */30 * * * *", "Europe/Berlin", "2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00")]
    [InlineData("0 30 * * * *", "Europe/Berlin", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00")]
    // Berlin fall-back (03:00 -> 02:00): a fixed time in the overlap runs once, at its first instant.
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00")]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00")]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-10-25T02:10:00+01:00", "2026-10-26T02:30:00+01:00")]
    // ... an interval schedule runs through both passes of the repeated hour.
    [InlineData("0 */30 * * * *", "Europe/Berlin", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00")]
    [InlineData("0 */30 * * * *", "Europe/Berlin", "2026-10-25T02:00:00+01:00", "2026-10-25T02:30:00+01:00")]
    // America/New_York: spring-forward 2026-03-08 02:00 -> 03:00, fall-back 2026-11-01 02:00 -> 01:00.
    [InlineData("0 30 2 * * *", "America/New_York", "2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00")]
    [InlineData("0 0 9 * * *", "America/New_York", "2026-03-07T09:00:00-05:00", "2026-03-08T09:00:00-04:00")]
    [InlineData("0 0 * * * *", "America/New_York", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00")]
    [InlineData("0 30 1 * * *", "America/New_York", "2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00")]
    [InlineData("0 30 1 * * *", "America/New_York", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("0 */20 * * * *", "America/New_York", "2026-11-01T01:40:00-04:00", "2026-11-01T01:00:00-05:00")]
    public void GetNextOccurrence_Expression_ReturnsExpectedInstantAndOffset(
        string expression, string timeZoneId, string after, string expected)
    {
        var schedule = CronSchedule.Parse(expression);

        var next = schedule.GetNextOccurrence(At(after), Zone(timeZoneId));

        Assert.NotNull(next);
        Assert.Equal(expected, next.Value.ToString(Format, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0 0 0 30 2 *")]
    [InlineData("0 0 0 31 FEB *")]
    [InlineData("0 0 0 31 4,6,9,11 *")]
    public void GetNextOccurrence_ImpossibleDate_ReturnsNull(string expression)
    {
        var schedule = CronSchedule.Parse(expression);

        Assert.Null(schedule.GetNextOccurrence(At("2026-01-01T00:00:00+00:00"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void GetNextOccurrence_NoTimeZone_EvaluatesInUtc()
    {
        var next = CronSchedule.Parse("0 0 12 * * *").GetNextOccurrence(At("2026-01-15T13:00:00+02:00"));

        Assert.Equal("2026-01-15T12:00:00+00:00", next?.ToString(Format, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void GetOccurrences_SixHourly_ReturnsWindowExcludingStartIncludingEnd()
    {
        var occurrences = CronSchedule.Parse("0 0 */6 * * *")
            .GetOccurrences(At("2026-01-15T00:00:00+00:00"), At("2026-01-16T00:00:00+00:00"), TimeZoneInfo.Utc);

        Assert.Equal(
            ["2026-01-15T06:00:00+00:00", "2026-01-15T12:00:00+00:00", "2026-01-15T18:00:00+00:00", "2026-01-16T00:00:00+00:00"],
            Texts(occurrences));
    }

    [Fact]
    public void GetOccurrences_HalfHourlyAcrossBerlinFallBack_RunsBothPassesThirtyMinutesApart()
    {
        var occurrences = CronSchedule.Parse("0 */30 * * * *")
            .GetOccurrences(At("2026-10-25T01:45:00+02:00"), At("2026-10-25T03:00:00+01:00"), Zone("Europe/Berlin"));

        Assert.Equal(
            ["2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00",
             "2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00"],
            Texts(occurrences));
    }

    [Fact]
    public void GetOccurrences_HalfHourlyAcrossBerlinSpringForward_SkipsTheGap()
    {
        var occurrences = CronSchedule.Parse("0 */30 * * * *")
            .GetOccurrences(At("2026-03-29T01:00:00+01:00"), At("2026-03-29T04:00:00+02:00"), Zone("Europe/Berlin"));

        Assert.Equal(
            ["2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", "2026-03-29T04:00:00+02:00"],
            Texts(occurrences));
    }

    [Fact]
    public void GetOccurrences_HourlyForAYearInBerlin_IsOneHourApartThroughBothTransitions()
    {
        var occurrences = CronSchedule.Parse("0 0 * * * *")
            .GetOccurrences(At("2026-01-01T00:00:00+01:00"), At("2027-01-01T00:00:00+01:00"), Zone("Europe/Berlin"))
            .ToList();

        Assert.Equal(365 * 24, occurrences.Count);
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
    }

    [Fact]
    public void GetOccurrences_DailyAt0230ForAYearInBerlin_RunsOncePerDay()
    {
        var occurrences = CronSchedule.Parse("0 30 2 * * *")
            .GetOccurrences(At("2026-01-01T00:00:00+01:00"), At("2027-01-01T00:00:00+01:00"), Zone("Europe/Berlin"))
            .ToList();

        Assert.Equal(365, occurrences.Count);
        Assert.Equal(365, occurrences.Select(o => o.Date).Distinct().Count());
    }

    [Fact]
    public void GetOccurrences_EmptyWindow_ReturnsNothing()
    {
        var instant = At("2026-01-15T10:00:00+00:00");

        Assert.Empty(CronSchedule.Parse("* * * * * *").GetOccurrences(instant, instant, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ToString_ParsedExpression_ReturnsTheOriginal()
    {
        Assert.Equal("0 30 9 * * MON-FRI", CronSchedule.Parse("0 30 9 * * MON-FRI").ToString());
    }

    [Fact]
    public void Parse_HourOutOfRange_MessageNamesFieldValueRangeAndExpression()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("0 0 25 * * *"));

        Assert.Equal("field 3 (hour): '25' is out of range 0-23 in '0 0 25 * * *'", error.Message);
    }

    [Fact]
    public void Parse_FiveFields_RefusesAndSuggestsPrependingTheSecond()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("*/5 * * * *"));

        Assert.Contains("has 5 fields but an NCRONTAB schedule needs 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("'0 */5 * * * *'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "needs 6 fields")]
    [InlineData("garbage", "has 1 field but an NCRONTAB schedule needs 6")]
    [InlineData("0 0 0 * * * *", "has 7 fields")]
    [InlineData("60 * * * * *", "field 1 (second): '60' is out of range 0-59")]
    [InlineData("0 60 * * * *", "field 2 (minute): '60' is out of range 0-59")]
    [InlineData("0 0 0 0 * *", "field 4 (day): '0' is out of range 1-31")]
    [InlineData("0 0 0 32 * *", "field 4 (day): '32' is out of range 1-31")]
    [InlineData("0 0 0 * 13 *", "field 5 (month): '13' is out of range 1-12")]
    [InlineData("0 0 0 * * 8", "field 6 (day-of-week): '8' is out of range 0-7")]
    [InlineData("0 0 99999999999 * * *", "field 3 (hour): '99999999999' is out of range 0-23")]
    [InlineData("*/0 * * * * *", "field 1 (second): step '0' in '*/0' must be a number from 1 to 59")]
    [InlineData("0 0 */x * * *", "field 3 (hour): step 'x' in '*/x'")]
    [InlineData("0 0 0 * FOO *", "field 5 (month): 'FOO' is not a number or a month name (JAN-DEC)")]
    [InlineData("0 0 0 * MON *", "field 5 (month): 'MON' is not a number or a month name")]
    [InlineData("0 0 0 * * MOX", "field 6 (day-of-week): 'MOX' is not a number or a day-of-week name (SUN-SAT)")]
    [InlineData("0 0 0 JAN * *", "field 4 (day): 'JAN' is not a number")]
    [InlineData("0 5-1 * * * *", "field 2 (minute): range '5-1' is reversed")]
    [InlineData("0 0 x * * *", "field 3 (hour): 'x' is not a number")]
    [InlineData("0 0 1- * * *", "field 3 (hour): '1-' is not a value, a range a-b or '*'")]
    [InlineData("0 0 -1 * * *", "field 3 (hour): '-1' is not a value")]
    [InlineData("0 0 1-2-3 * * *", "field 3 (hour): '1-2-3' is not a value")]
    [InlineData("0 0 1,,2 * * *", "field 3 (hour): '1,,2' is not a list")]
    [InlineData("0 0 1/2/3 * * *", "field 3 (hour): '1/2/3' is not a list")]
    public void Parse_InvalidExpression_ThrowsFormatExceptionNamingTheProblem(string expression, string expectedFragment)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        Assert.Contains(expression.Length == 0 ? "{second} {minute}" : $"'{expression}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidExpression_ReturnsFalseWithTheParseError()
    {
        var parsed = CronSchedule.TryParse("0 0 0 * * 9", out var schedule, out var error);

        Assert.False(parsed);
        Assert.Null(schedule);
        Assert.Equal("field 6 (day-of-week): '9' is out of range 0-7 in '0 0 0 * * 9'", error);
    }

    [Fact]
    public void TryParse_ValidExpression_ReturnsScheduleWithoutError()
    {
        var parsed = CronSchedule.TryParse(" 0  */5 * * * * ", out var schedule, out var error);

        Assert.True(parsed);
        Assert.Null(error);
        Assert.Equal(At("2026-01-15T10:05:00+00:00"), schedule!.GetNextOccurrence(At("2026-01-15T10:00:00+00:00")));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CronSchedule.Parse(null!));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string id) => id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

    private static List<string> Texts(IEnumerable<DateTimeOffset> occurrences) =>
        occurrences.Select(o => o.ToString(Format, CultureInfo.InvariantCulture)).ToList();
}
