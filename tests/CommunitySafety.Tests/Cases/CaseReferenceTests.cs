using System.Globalization;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Cases;

public class CaseReferenceTests
{
    [Fact]
    public void Parse_ValidReference_ReturnsParts()
    {
        var reference = CaseReference.Parse("ASB-2026-000123", CultureInfo.InvariantCulture);

        Assert.Equal("ASB", reference.TypePrefix);
        Assert.Equal(2026, reference.Year);
        Assert.Equal(123, reference.Sequence);
        Assert.Equal("ASB-2026-000123", reference.ToString());
    }

    [Fact]
    public void Parse_LowerCaseWithSpaces_NormalisesToUpperCase() =>
        Assert.Equal("ASB-2026-000123", CaseReference.Parse("  asb-2026-000123 ", CultureInfo.InvariantCulture).ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ASB-2026-123")]
    [InlineData("ASB-26-000123")]
    [InlineData("ASB2026000123")]
    [InlineData("A-2026-000123")]
    [InlineData("ASBXYZ-2026-000123")]
    [InlineData("AS1-2026-000123")]
    [InlineData("ASB-2026-000000")]
    [InlineData("ASB-1999-000001")]
    [InlineData("ASB-2026-00012a")]
    [InlineData("ASB-2026-000123-1")]
    public void TryParse_Invalid_ReturnsFalse(string? input)
    {
        Assert.False(CaseReference.TryParse(input, out var result));
        Assert.Null(result);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithReason()
    {
        var ex = Assert.Throws<FormatException>(() => CaseReference.Parse("ASB-2026-123", CultureInfo.InvariantCulture));

        Assert.Contains("six digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SameValue_EqualAndSameHash()
    {
        var a = CaseReference.Parse("ASB-2026-000123", CultureInfo.InvariantCulture);
        var b = CaseReference.Create("asb", 2026, 123);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, CaseReference.Create("ASB", 2026, 124));
    }

    [Fact]
    public void Create_SequenceOutOfRange_Throws() =>
        Assert.Throws<ArgumentException>(() => CaseReference.Create("ASB", 2026, 1_000_000));

    [Fact]
    public void Parse_ViaIParsable_Works()
    {
        Assert.Equal(CaseReference.Create("DA", 2025, 42), ParseGeneric<CaseReference>("DA-2025-000042"));
        Assert.True(CaseReference.TryParse("IOM-2030-999999", null, out var parsed));
        Assert.Equal(999_999, parsed.Sequence);
    }

    [Fact]
    public void CompareTo_SamePrefix_OrdersByYearThenSequence()
    {
        var list = new[] { "ASB-2026-000002", "ASB-2025-000009", "ASB-2026-000001" }.Select(CaseReference.Parse).Order().Select(r => r.ToString());

        Assert.Equal(["ASB-2025-000009", "ASB-2026-000001", "ASB-2026-000002"], list);
    }

    private static T ParseGeneric<T>(string s)
        where T : IParsable<T> => T.Parse(s, null);
}
