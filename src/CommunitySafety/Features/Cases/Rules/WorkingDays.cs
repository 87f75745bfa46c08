namespace CommunitySafety.Features.Cases.Rules;

public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>
/// England and Wales bank holidays computed by rule (Banking and Financial Dealings Act 1971 and the
/// customary substitute-day practice published at https://www.gov.uk/bank-holidays [M: not in the
/// reference; check against gov.uk]). One-off changes (jubilees, coronations, moved days) are not rules:
/// supply them through <see cref="WorkingDays"/> as extra or removed dates.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    /// <summary>Easter Sunday in the Gregorian calendar (anonymous Gregorian computus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var golden = year % 19;
        var century = year / 100;
        var yearInCentury = year % 100;
        var leapCenturies = century / 4;
        var centuryRemainder = century % 4;
        var lunarCorrection = (century + 8) / 25;
        var solarCorrection = (century - lunarCorrection + 1) / 3;
        var epact = ((19 * golden) + century - leapCenturies - solarCorrection + 15) % 30;
        var leapYears = yearInCentury / 4;
        var yearRemainder = yearInCentury % 4;
        var weekday = (32 + (2 * centuryRemainder) + (2 * leapYears) - epact - yearRemainder) % 7;
        var adjustment = (golden + (11 * epact) + (22 * weekday)) / 451;
        var monthDay = epact + weekday - (7 * adjustment) + 114;
        return new DateOnly(year, monthDay / 31, (monthDay % 31) + 1);
    }

    public static IReadOnlyList<BankHoliday> ForYear(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            new(NextWeekday(new DateOnly(year, 1, 1)), "New Year's Day"),
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Easter Monday"),
            new(FirstMonday(year, 5), "Early May bank holiday"),
            new(LastMonday(year, 5), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
        };

        // Christmas and Boxing Day: when either falls at a weekend the substitute days are 27 and/or 28 December.
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        holidays.Add(new(IsWeekend(christmas) ? new DateOnly(year, 12, 27) : christmas, "Christmas Day"));
        holidays.Add(new(IsWeekend(boxing) ? new DateOnly(year, 12, 28) : boxing, "Boxing Day"));
        return holidays;
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextWeekday(DateOnly date)
    {
        while (IsWeekend(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}

/// <summary>
/// Working-day calculator: Monday to Friday, excluding England and Wales bank holidays (by rule) and a
/// configurable list of extra one-off holidays; <paramref name="removedHolidays"/> cancels rule-based
/// dates that were moved (for example the 2022 spring bank holiday, moved from 30 May to 2 June).
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> _extra;
    private readonly HashSet<DateOnly> _removed;
    private readonly Dictionary<int, HashSet<DateOnly>> _byYear = [];
    private readonly Lock _gate = new();

    public WorkingDays(IEnumerable<DateOnly>? extraHolidays = null, IEnumerable<DateOnly>? removedHolidays = null)
    {
        _extra = [.. extraHolidays ?? []];
        _removed = [.. removedHolidays ?? []];
    }

    /// <summary>Rule-based holidays only, no one-off changes.</summary>
    public static WorkingDays RuleBasedOnly { get; } = new();

    /// <summary>
    /// Known one-off changes in England and Wales since 2012 [M: general knowledge, check https://www.gov.uk/bank-holidays]:
    /// 2012 Diamond Jubilee (spring holiday moved to 4 June, extra 5 June); 2020 early May moved to Friday 8 May;
    /// 2022 spring holiday moved to Thursday 2 June, Platinum Jubilee Friday 3 June, state funeral Monday 19 September;
    /// 2023 Coronation Monday 8 May.
    /// </summary>
    public static WorkingDays WithKnownOneOffs { get; } = new(
        [new(2012, 6, 4), new(2012, 6, 5), new(2020, 5, 8), new(2022, 6, 2), new(2022, 6, 3), new(2022, 9, 19), new(2023, 5, 8)],
        [new(2012, 5, 28), new(2020, 5, 4), new(2022, 5, 30)]);

    public bool IsHoliday(DateOnly date)
    {
        if (_extra.Contains(date))
        {
            return true;
        }

        return !_removed.Contains(date) && RuleHolidays(date.Year).Contains(date);
    }

    public bool IsWorkingDay(DateOnly date) => !EnglandAndWalesBankHolidays.IsWeekend(date) && !IsHoliday(date);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>. The start day itself is
    /// day 0 and is not counted, whatever it is (so "within 10 working days of receipt" = AddWorkingDays(receipt, 10)).
    /// Negative values count backwards.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workingDays);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int CountBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private HashSet<DateOnly> RuleHolidays(int year)
    {
        lock (_gate)
        {
            if (!_byYear.TryGetValue(year, out var set))
            {
                set = [.. EnglandAndWalesBankHolidays.ForYear(year).Select(h => h.Date)];
                _byYear[year] = set;
            }

            return set;
        }
    }
}
