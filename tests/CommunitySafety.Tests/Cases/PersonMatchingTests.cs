using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Cases;

public class PersonMatchingTests
{
    private static readonly DateOnly Dob = new(1985, 3, 12);

    [Theory]
    [InlineData("  Mr. John SMITH ", "john smith")]
    [InlineData("Zoë Brontë", "zoe bronte")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("O Brien", "obrien")]
    [InlineData("Anne-Marie", "anne marie")]
    [InlineData("Dr Siobhán Mc Carthy", "siobhan mccarthy")]
    [InlineData("Strauß", "strauss")]
    [InlineData("", "")]
    public void Normalise_VariousInputs_ReturnsCanonicalForm(string input, string expected) =>
        Assert.Equal(expected, PersonMatching.Normalise(input));

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("jon", "john", 0.933)]
    public void JaroWinkler_KnownPairs_ReturnsExpected(string a, string b, double expected) =>
        Assert.Equal(expected, PersonMatching.JaroWinkler(a, b), 3);

    [Fact]
    public void JaroWinkler_IdenticalAndDisjoint_OneAndZero()
    {
        Assert.Equal(1.0, PersonMatching.JaroWinkler("smith", "smith"));
        Assert.Equal(0.0, PersonMatching.JaroWinkler("abc", "xyz"));
    }

    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Lee", "L000")]
    [InlineData("O'Brien", "O165")]
    public void PhoneticKey_KnownNames_ReturnsSoundex(string name, string expected) =>
        Assert.Equal(expected, PersonMatching.PhoneticKey(name));

    [Fact]
    public void MatchScore_JonVsJohnSameDob_PossibleMatch()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Jon", "Smith", Dob), new PersonRecord("John", "Smith", Dob));

        Assert.True(result.IsPossibleMatch);
        Assert.Contains("date of birth matches", result.Reasons);
        Assert.Contains("surname matches", result.Reasons);
    }

    [Fact]
    public void MatchScore_CommonSurnameDifferentDobAndPostcode_NotMatch()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("John", "Smith", Dob, "LS1 4AB"),
            new PersonRecord("John", "Smith", new DateOnly(1971, 8, 30), "M14 5RT"));

        Assert.False(result.IsPossibleMatch);
        Assert.Contains("date of birth differs", result.Reasons);
        Assert.Contains("postcode differs", result.Reasons);
    }

    [Fact]
    public void MatchScore_SwappedForenameAndSurname_PossibleMatch()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Smith", "John", Dob), new PersonRecord("John", "Smith", Dob));

        Assert.True(result.IsPossibleMatch);
        Assert.Contains("forename and surname swapped", result.Reasons);
    }

    [Fact]
    public void MatchScore_AccentsDiffer_ScoresAsExact()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Zoë", "Brontë", Dob), new PersonRecord("Zoe", "Bronte", Dob));

        Assert.Equal(85, result.Score);
        Assert.True(result.IsPossibleMatch);
    }

    [Fact]
    public void MatchScore_AliasMatches_PossibleMatch()
    {
        var existing = new PersonRecord("Margaret", "Jones", Dob, Aliases: [new PersonName("Peggy", "Evans")]);

        var result = PersonMatching.MatchScore(new PersonRecord("Peggy", "Evans", Dob), existing);

        Assert.True(result.IsPossibleMatch);
        Assert.Contains("matched on alias", result.Reasons);
    }

    [Fact]
    public void MatchScore_DobDayMonthTransposedSamePostcode_PossibleMatch()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("John", "Smith", new DateOnly(1985, 12, 3), "ls1 4ab"),
            new PersonRecord("John", "Smith", Dob, "LS1 4AB"));

        Assert.Contains("date of birth matches with day and month transposed", result.Reasons);
        Assert.Contains("postcode matches", result.Reasons);
        Assert.True(result.IsPossibleMatch);
    }

    [Fact]
    public void MatchScore_YearOfBirthOnly_PartialCredit()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("John", "Smith", new DateOnly(1985, 7, 1)), new PersonRecord("John", "Smith", Dob));

        Assert.Equal(60, result.Score);
        Assert.Contains("year of birth matches", result.Reasons);
    }

    [Fact]
    public void MatchScore_DifferentPeople_LowScore()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Alice", "Wong", Dob, "B1 1AA"), new PersonRecord("Terry", "Oakes", new DateOnly(1960, 1, 1), "EX4 3QJ"));

        Assert.Equal(0, result.Score);
        Assert.False(result.IsPossibleMatch);
    }

    [Fact]
    public void MatchScore_ConfiguredThreshold_UsesConfiguration()
    {
        var options = new PersonMatchOptions(PossibleMatchThreshold: 90);

        Assert.False(PersonMatching.MatchScore(new PersonRecord("Jon", "Smith", Dob), new PersonRecord("John", "Smith", Dob), options).IsPossibleMatch);
    }
}
