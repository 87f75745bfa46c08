using CommunitySafety.Tests.Infrastructure;
using CommunitySafety.Features.Places.Import;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class LookupAndPopulationReaderTests
{
    [Fact]
    public void ReadLsoaWard_RealLsoa11Wd21Lookup_ReadsAllRows()
    {
        var (columns, rows) = LookupReader.ReadLsoaWard(TestData.PathOf("lookups/LSOA11_WD21_LAD21_EW_LU_V2.csv"));
        Assert.Equal(("LSOA11CD", 2011, "WD21CD", 2021, 2021), (columns.LsoaCodeColumn, columns.LsoaVintage, columns.WardCodeColumn, columns.WardVintage, columns.LadVintage));
        var list = rows.ToList();
        Assert.All(list, r => Assert.True(r.IsRow, r.Rejection?.ToString()));
        Assert.Equal(34_753, list.Count);
        Assert.Equal(new LsoaWardRow(2, "E01011965", "Hartlepool 006A", "E05013038", "Burn Valley", "E06000001", "Hartlepool"), list[0].Row);
    }

    [Fact]
    public void ReadLsoaWard_RealLsoa21Wd24LookupWithBom_ReadsAllRows()
    {
        var (columns, rows) = LookupReader.ReadLsoaWard(TestData.PathOf("lookups/LSOA21_WD24_LAD24_EW_LU.csv"));
        Assert.Equal("LSOA21CD", columns.LsoaCodeColumn);
        Assert.Equal(2024, columns.WardVintage);
        Assert.Equal("LAD24NM", columns.LadNameColumn);
        var list = rows.ToList();
        Assert.Equal(35_672, list.Count(r => r.IsRow));
        Assert.Equal(0, list.Count(r => !r.IsRow));
    }

    [Fact]
    public void ReadLsoa11To21_RealExactLookup_ReadsAllRowsWithChangeIndicators()
    {
        var list = LookupReader.ReadLsoa11To21(TestData.PathOf("lookups/LSOA11_LSOA21_LAD22_EW_exact_LU.csv")).ToList();
        Assert.All(list, r => Assert.True(r.IsRow, r.Rejection?.ToString()));
        Assert.Equal(35_796, list.Count);
        Assert.Equal(new LsoaChangeRow(2, "E01031349", "E01031349", LsoaChange.Unchanged), list[0].Row);
        Assert.Contains(list, r => r.Row.Change == LsoaChange.Split);
        Assert.Contains(list, r => r.Row.Change == LsoaChange.Merged);
        Assert.Contains(list, r => r.Row.Change == LsoaChange.ComplexRedesign);
    }

    [Fact]
    public void ReadLsoaWard_BadRows_AreRejectedWithLineNumbers()
    {
        var text = "LSOA11CD,LSOA11NM,WD21CD,WD21NM,LAD21CD,LAD21NM\n" +
            "E01011965,Hartlepool 006A,E05013038,Burn Valley,E06000001,Hartlepool\n" +
            "bad,x,E05013038,Burn Valley,E06000001,Hartlepool\n" +
            "E01011965,x,E05013038\n" +
            "E01011966,\"Bristol, City of 001A\",E05013039,Ward,E06000023,\"Bristol, City of\"\n";
        var (_, rows) = LookupReader.ReadLsoaWard(TestData.Utf8(text, bom: true), "lu.csv");
        var list = rows.ToList();
        Assert.True(list[0].IsRow);
        Assert.Equal((3L, "LSOA11CD"), (list[1].Rejection!.Line, list[1].Rejection!.Field));
        Assert.Equal(4, list[2].Rejection!.Line);
        Assert.Equal("Bristol, City of", list[3].Row.LadName);
    }

    [Fact]
    public void ReadLsoaWard_NoWardColumn_ThrowsListingHeader()
    {
        var ex = Assert.Throws<ImportFormatException>(() => LookupReader.ReadLsoaWard(TestData.Utf8("LSOA11CD,MSOA11CD\n"), "lu.csv"));
        Assert.Contains("WDyyCD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LSOA11CD, MSOA11CD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLsoa11To21_UnknownChangeIndicator_Rejects()
    {
        var text = "LSOA11CD,LSOA21CD,CHGIND\nE01000001,E01000001,U\nE01000002,E01000002,Q\n";
        var list = LookupReader.ReadLsoa11To21(TestData.Utf8(text), "chg.csv").ToList();
        Assert.True(list[0].IsRow);
        Assert.Equal("CHGIND", list[1].Rejection!.Field);
        Assert.Equal(3, list[1].Rejection!.Line);
    }

    [Fact]
    public void Read_RealLsoaPopulation_MatchesPublishedTotal()
    {
        var (code, pop, rows) = PopulationReader.Read(TestData.PathOf("population/lsoa21_population_mid2022.csv"));
        Assert.Equal(("lsoacd", "population"), (code, pop));
        var list = rows.ToList();
        Assert.All(list, r => Assert.True(r.IsRow, r.Rejection?.ToString()));
        Assert.Equal(35_672, list.Count);
        Assert.Equal(60_238_038, list.Sum(r => r.Row.Population));
        Assert.Equal(57_106_398, list.Where(r => r.Row.AreaCode.StartsWith('E')).Sum(r => r.Row.Population));
    }

    [Fact]
    public void Read_PopulationJoinedToWardLookup_GivesHertfordshireTotal()
    {
        var (_, lookupRows) = LookupReader.ReadLsoaWard(TestData.PathOf("lookups/LSOA21_WD24_LAD24_EW_LU.csv"));
        var hertsDistricts = new HashSet<string> { "E07000095", "E07000096", "E07000098", "E07000099", "E07000102", "E07000103", "E07000240", "E07000241", "E07000242", "E07000243" };
        var hertsLsoas = lookupRows.Where(r => r.IsRow && hertsDistricts.Contains(r.Row.LadCode!)).Select(r => r.Row.LsoaCode).ToHashSet();
        var (_, _, pop) = PopulationReader.Read(TestData.PathOf("population/lsoa21_population_mid2022.csv"));
        Assert.Equal(1_204_588, pop.Where(r => r.IsRow && hertsLsoas.Contains(r.Row.AreaCode)).Sum(r => r.Row.Population));
    }

    [Fact]
    public void Read_BadPopulationRows_AreRejectedWithLineNumbers()
    {
        var text = "lsoacd,population\nE01000001,1500\nE01000002,abc\nE01000003,-5\nNOTACODE,10\nE01000001,20\nE01000004,\"1,234\"\n";
        var (_, _, rows) = PopulationReader.Read(TestData.Utf8(text, bom: true), "pop.csv");
        var list = rows.ToList();
        Assert.Equal(1500, list[0].Row.Population);
        Assert.Equal((3L, "population"), (list[1].Rejection!.Line, list[1].Rejection!.Field));
        Assert.Equal(4, list[2].Rejection!.Line);
        Assert.Equal((5L, "lsoacd"), (list[3].Rejection!.Line, list[3].Rejection!.Field));
        Assert.Contains("duplicate area code E01000001 (first on line 2)", list[4].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal(1234, list[5].Row.Population);
    }

    [Fact]
    public void Read_PopulationWithoutNumericColumn_Throws()
    {
        var ex = Assert.Throws<ImportFormatException>(() => PopulationReader.Read(TestData.Utf8("lsoacd,name\n"), "pop.csv"));
        Assert.Contains("population column", ex.Message, StringComparison.Ordinal);
    }
}
