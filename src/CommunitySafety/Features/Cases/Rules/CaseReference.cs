using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CommunitySafety.Features.Cases.Rules;

/// <summary>
/// A case reference such as "ASB-2026-000123": a type prefix of 2–5 letters, a four-digit year and a six-digit
/// sequence (1..999999). Parsing ignores surrounding white space and letter case; <see cref="ToString"/> is
/// always upper case. Value equality.
/// </summary>
public sealed record CaseReference : IParsable<CaseReference>, IComparable<CaseReference>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2999;
    public const int MaxSequence = 999_999;

    private CaseReference(string typePrefix, int year, int sequence)
    {
        TypePrefix = typePrefix;
        Year = year;
        Sequence = sequence;
    }

    public string TypePrefix { get; }

    public int Year { get; }

    public int Sequence { get; }

    public static CaseReference Create(string typePrefix, int year, int sequence)
    {
        var error = Validate(typePrefix, year, sequence);
        return error is null
            ? new CaseReference(typePrefix.ToUpperInvariant(), year, sequence)
            : throw new ArgumentException(error, nameof(typePrefix));
    }

    public static CaseReference Parse(string s) => Parse(s, null);

    public static CaseReference Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result, out var error)
            ? result
            : throw new FormatException($"'{s}' is not a valid case reference: {error}");
    }

    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out CaseReference result) =>
        TryParse(s, out result, out _);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out CaseReference result) =>
        TryParse(s, out result, out _);

    public int CompareTo(CaseReference? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPrefix = string.CompareOrdinal(TypePrefix, other.TypePrefix);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        return Year != other.Year ? Year.CompareTo(other.Year) : Sequence.CompareTo(other.Sequence);
    }

    // A null reference sorts first, as CompareTo has it.
    public static bool operator <(CaseReference? left, CaseReference? right) => Compare(left, right) < 0;

    public static bool operator <=(CaseReference? left, CaseReference? right) => Compare(left, right) <= 0;

    public static bool operator >(CaseReference? left, CaseReference? right) => Compare(left, right) > 0;

    public static bool operator >=(CaseReference? left, CaseReference? right) => Compare(left, right) >= 0;

    private static int Compare(CaseReference? left, CaseReference? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TypePrefix}-{Year:D4}-{Sequence:D6}");

    private static bool TryParse(string? s, [MaybeNullWhen(false)] out CaseReference result, out string error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = "it is empty";
            return false;
        }

        var parts = s.Trim().Split('-');
        if (parts.Length != 3)
        {
            error = "expected PREFIX-YYYY-NNNNNN";
            return false;
        }

        if (parts[1].Length != 4 || !parts[1].All(char.IsAsciiDigit))
        {
            error = "the year must be four digits";
            return false;
        }

        if (parts[2].Length != 6 || !parts[2].All(char.IsAsciiDigit))
        {
            error = "the sequence must be six digits";
            return false;
        }

        var year = int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
        var sequence = int.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture);
        var invalid = Validate(parts[0], year, sequence);
        if (invalid is not null)
        {
            error = invalid;
            return false;
        }

        result = new CaseReference(parts[0].ToUpperInvariant(), year, sequence);
        error = string.Empty;
        return true;
    }

    private static string? Validate(string? prefix, int year, int sequence)
    {
        if (prefix is null || prefix.Length is < 2 or > 5 || !prefix.All(char.IsAsciiLetter))
        {
            return "the type prefix must be 2 to 5 letters";
        }

        if (year is < MinYear or > MaxYear)
        {
            return $"the year must be between {MinYear} and {MaxYear}";
        }

        if (sequence is < 1 or > MaxSequence)
        {
            return $"the sequence must be between 1 and {MaxSequence}";
        }

        return null;
    }
}
