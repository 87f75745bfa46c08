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

/// <summary>Issue #14: the home address, nicknames, double-barrelled names, and what a partner may be told.</summary>
public class PersonMatchingAddressAndNicknameTests
{
    private static readonly DateOnly Dob = new(1948, 6, 9);

    [Theory]
    [InlineData("14 Lark Rise", "14", "larkrise")]
    [InlineData("14, Lark Rise.", "14", "larkrise")]
    [InlineData("14a High St", "14a", "highstreet")]
    [InlineData("14 a High Street", "14a", "highstreet")]
    [InlineData("Flat 2, 14 Lark Rise", "2/14", "larkrise")]
    [InlineData("Rose Cottage, 3 Mill Lane", "3", "milllane")]
    [InlineData("Rose Cottage", "", "rosecottage")]
    [InlineData("", "", "")]
    public void ParseAddressLine_AsOfficersTypeIt_HouseNumberAndStreet(string line, string number, string street) =>
        Assert.Equal(new AddressLine(number, street), AddressMatching.Parse(line));

    [Theory]
    [InlineData("14 Lark Rise", "14 lark rise", AddressMatching.Likeness.SameAddress)]
    [InlineData("14 High St", "14 High Street", AddressMatching.Likeness.SameAddress)]
    [InlineData("14 Lark Rise", "14 Lark Rsie", AddressMatching.Likeness.SameAddress)]
    [InlineData("14 Lark Rise", "16 Lark Rise", AddressMatching.Likeness.SameStreet)]
    [InlineData("14 Lark Rise", "14 Lark Lane", AddressMatching.Likeness.Different)]
    [InlineData("14 Lark Rise", "", AddressMatching.Likeness.Unknown)]
    public void CompareAddresses_NumberAndStreet(string a, string b, AddressMatching.Likeness expected) =>
        Assert.Equal(expected, AddressMatching.Compare(a, null, b, null));

    [Fact]
    public void CompareAddresses_BothUprnsKnown_UprnDecides()
    {
        Assert.Equal(AddressMatching.Likeness.SameAddress, AddressMatching.Compare("Flat 2, The Maltings", 100012345678, "2 Maltings Court", 100012345678));
        Assert.Equal(AddressMatching.Likeness.Different, AddressMatching.Compare("14 Lark Rise", 100012345678, "14 Lark Rise", 100012345679));
    }

    [Fact]
    public void MatchScore_SameNameAndHomeWithoutDateOfBirth_PossibleMatch()
    {
        // The Joan Pritchard case: police recorded her date of birth, the council did not.
        var result = PersonMatching.MatchScore(
            new PersonRecord("Joan", "Pritchard", null, "WY4 2LR", AddressLine1: "14 Lark Rise"),
            new PersonRecord("Joan", "Pritchard", Dob, "WY4 2LR", AddressLine1: "14 Lark Rise"));

        Assert.True(result.IsPossibleMatch);
        Assert.Equal(85, result.Score);
        Assert.Contains("address matches (house number and street)", result.Reasons);
        Assert.Equal(["name matches", "same street", "same postcode"], result.SharedReasons);
    }

    [Fact]
    public void MatchScore_SameNameAndPostcodeButOtherHouse_NotMatch()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("Joan", "Pritchard", null, "WY4 2LR", AddressLine1: "16 Lark Rise"),
            new PersonRecord("Joan", "Pritchard", Dob, "WY4 2LR", AddressLine1: "14 Lark Rise"));

        Assert.False(result.IsPossibleMatch);
        Assert.Contains("same street, different house number", result.Reasons);
    }

    [Fact]
    public void MatchScore_SameHouseNumberAndStreetInAnotherTown_NoAddressCredit()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("Joan", "Pritchard", null, "WY4 2LR", AddressLine1: "14 High Street"),
            new PersonRecord("Joan", "Pritchard", Dob, "LS1 4AB", AddressLine1: "14 High Street"));

        Assert.False(result.IsPossibleMatch);
        Assert.Contains("postcode differs", result.Reasons);
    }

    [Fact]
    public void MatchScore_SameUprn_CountsAsTheSameHome()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("Joan", "Pritchard", AddressLine1: "Flat 2, The Maltings", Uprn: 100012345678),
            new PersonRecord("Joan", "Pritchard", Dob, AddressLine1: "2 Maltings Court", Uprn: 100012345678));

        Assert.True(result.IsPossibleMatch);
        Assert.Contains("address matches (same UPRN)", result.Reasons);
    }

    [Fact]
    public void MatchScore_NicknameWithSameDob_PossibleMatchAndSaysWhichNickname()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Peggy", "Pritchard", Dob), new PersonRecord("Margaret", "Pritchard", Dob));

        Assert.True(result.IsPossibleMatch);
        Assert.Contains("name matches (nickname Peggy for Margaret)", result.SharedReasons);
    }

    [Theory]
    [InlineData("Peggy", "Margaret", true)]
    [InlineData("Maggie", "Peggy", true)]
    [InlineData("Harry", "Henry", true)]
    [InlineData("Harry", "Harold", true)]
    [InlineData("Henry", "Harold", false)]
    [InlineData("Peggy", "Peggy", false)]
    public void Nicknames_FormsOfOneName(string a, string b, bool expected) =>
        Assert.Equal(expected, Nicknames.AreForms(PersonMatching.Normalise(a), PersonMatching.Normalise(b)));

    [Fact]
    public void MatchScore_HalfOfADoubleBarrelledSurname_PossibleMatchWithDob()
    {
        var result = PersonMatching.MatchScore(new PersonRecord("Joan", "Pritchard-Jones", Dob), new PersonRecord("Joan", "Pritchard", Dob));

        Assert.True(result.IsPossibleMatch);
        Assert.Contains(result.Reasons, r => r.StartsWith("surname part of a double-barrelled name", StringComparison.Ordinal));
        Assert.Contains("name matches part of a double-barrelled surname", result.SharedReasons);
    }

    [Fact]
    public void MatchScore_TwinsAtOneAddress_NotMatch()
    {
        // Same surname, date of birth and home, but a clearly different first name.
        var result = PersonMatching.MatchScore(
            new PersonRecord("Jack", "Pritchard", Dob, "WY4 2LR", AddressLine1: "14 Lark Rise"),
            new PersonRecord("James", "Pritchard", Dob, "WY4 2LR", AddressLine1: "14 Lark Rise"));

        Assert.False(result.IsPossibleMatch);
        Assert.Contains("forename differs", result.Reasons);
    }

    [Fact]
    public void MatchScore_ParentAndChildOfOneNameAtOneAddress_NotMatch()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("John", "Pritchard", new DateOnly(1990, 2, 3), "WY4 2LR", AddressLine1: "14 Lark Rise"),
            new PersonRecord("John", "Pritchard", new DateOnly(1962, 7, 30), "WY4 2LR", AddressLine1: "14 Lark Rise"));

        Assert.False(result.IsPossibleMatch);
    }

    [Fact]
    public void SharedReasons_ExactOrTransposedDob_SayOnlyTheYear()
    {
        var exact = PersonMatching.MatchScore(new PersonRecord("Joan", "Pritchard", Dob), new PersonRecord("Joan", "Pritchard", Dob));
        var transposed = PersonMatching.MatchScore(new PersonRecord("Joan", "Pritchard", new DateOnly(1948, 9, 6)), new PersonRecord("Joan", "Pritchard", Dob));
        var yearOnly = PersonMatching.MatchScore(new PersonRecord("Joan", "Pritchard", new DateOnly(1948, 1, 1)), new PersonRecord("Joan", "Pritchard", Dob));

        // The officer cannot tell an exact date from a year, so the reasons are no oracle for the full date of birth.
        Assert.Equal(exact.SharedReasons, transposed.SharedReasons);
        Assert.Equal(exact.SharedReasons, yearOnly.SharedReasons);
        Assert.Equal(["name matches", "same year of birth"], exact.SharedReasons);
    }

    [Fact]
    public void SharedReasons_NeverSayWhatDiffers()
    {
        var result = PersonMatching.MatchScore(
            new PersonRecord("Joan", "Pritchard", new DateOnly(1950, 1, 1), "LS1 4AB", AddressLine1: "3 Mill Lane"),
            new PersonRecord("Joan", "Pritchard", Dob, "WY4 2LR", AddressLine1: "14 Lark Rise"));

        Assert.DoesNotContain(result.SharedReasons, r => r.Contains("differ", StringComparison.Ordinal));
        Assert.Equal(["name matches"], result.SharedReasons);
    }
}
