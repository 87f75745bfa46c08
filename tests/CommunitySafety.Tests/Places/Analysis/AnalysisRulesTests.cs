using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Features.Places.Hotspots;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Trends;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CommunitySafety.Tests.Places.Analysis;

public sealed class AnalysisRulesTests
{
    [Theory]
    [InlineData(202412, 1, 202501)]
    [InlineData(202501, -1, 202412)]
    [InlineData(202403, -12, 202303)]
    [InlineData(202401, 23, 202512)]
    public void MonthKey_Add_CrossesYearBoundaries(int month, int add, int expected) =>
        Assert.Equal(expected, MonthKey.Add(month, add));

    [Theory]
    [InlineData("2024-06", 202406)]
    [InlineData("202406", 202406)]
    [InlineData("2024-13", null)]
    [InlineData("June", null)]
    [InlineData("", null)]
    public void MonthKey_Parse_AcceptsIsoMonthOnly(string text, int? expected) => Assert.Equal(expected, MonthKey.Parse(text));

    [Theory]
    [InlineData("county", AreaKind.County, null)]
    [InlineData("lad:E07000240", AreaKind.LocalAuthority, "E07000240")]
    [InlineData("ward:E05015378", AreaKind.Ward, "E05015378")]
    [InlineData("nonsense", AreaKind.County, null)]
    public void AreaSelection_Parse_ReadsKindAndCode(string text, AreaKind kind, string? code)
    {
        var area = AreaSelection.Parse(text);
        Assert.Equal(kind, area.Kind);
        Assert.Equal(code, area.Code);
    }

    [Fact]
    public void CategoryValueCsv_NamesSlugsAndCodeNames_AllParse()
    {
        var result = CategoryValueCsv.Parse("category,weight\nViolence and sexual offences,100\nviolent-crime-x,1\nvehicle-crime,2.5\nAntiSocialBehaviour,0\n", "weight");

        Assert.Equal(100, result.Values[CrimeCategory.ViolenceAndSexualOffences]);
        Assert.Equal(2.5, result.Values[CrimeCategory.VehicleCrime]);
        Assert.Equal(0, result.Values[CrimeCategory.AntiSocialBehaviour]);
        Assert.Equal(["Line 3: \"violent-crime-x\" is not a police.uk crime category"], result.Errors);
    }

    [Fact]
    public void CategoryValueCsv_BadHeaderNegativeAndDuplicate_ReportedWithLines()
    {
        Assert.Equal(["The first line must be the header \"category,count\""], CategoryValueCsv.Parse("name,count\nBurglary,1", "count").Errors);

        var result = CategoryValueCsv.Parse("category,count\nBurglary,-1\nDrugs,5\ndrugs,6\nRobbery,lots", "count");
        Assert.Equal(
            ["Line 2: the count for Burglary must be a number of 0 or more", "Line 4: Drugs appears more than once", "Line 5: the count for Robbery must be a number of 0 or more"],
            result.Errors);
        Assert.Equal(5, result.Values[CrimeCategory.Drugs]);
    }

    [Fact]
    public void TrendAnalysis_MissingMonthInCurrentWindow_ComparesRatesOverMonthsPresent()
    {
        var counts = MonthKey.Range(202301, 202412)
            .Where(m => m != 202403)
            .Select(m => new MonthCategoryCount(m, CrimeCategory.Robbery, m >= 202401 ? 12 : 6)).ToList();
        var windows = TrendAnalysis.Windows(202401, 202412, new HashSet<int> { 202403 });

        var row = Assert.Single(TrendAnalysis.Compare(counts, windows, [CrimeCategory.Robbery]));

        Assert.Equal(11, windows.CurrentMonths);
        Assert.Equal(12 * 11, row.Current);
        Assert.Equal(6 * 12, row.Previous);
        Assert.Equal(100.0, row.PercentChange!.Value, 9);
        Assert.Equal(PoissonComparison.Compare(132, 72, 11, 12).PValue, row.PValue!.Value, 12);
        Assert.Equal(ChangeVerdict.RealIncrease, row.Verdict);
    }

    [Fact]
    public void TrendAnalysis_WholeWindowMissing_CannotCompare()
    {
        var missing = MonthKey.Range(202301, 202312).ToHashSet();
        var windows = TrendAnalysis.Windows(202401, 202412, missing);
        var counts = new[] { new MonthCategoryCount(202405, CrimeCategory.Drugs, 4) };

        var row = Assert.Single(TrendAnalysis.Compare(counts, windows, [CrimeCategory.Drugs]));

        Assert.Null(row.Verdict);
        Assert.Null(row.PValue);
        Assert.Equal("Cannot compare", row.VerdictText);
    }

    [Fact]
    public void TrendAnalysis_SmallRise_NotFlaggedAsRealRise()
    {
        var counts = new[] { new MonthCategoryCount(202306, CrimeCategory.Robbery, 3), new MonthCategoryCount(202406, CrimeCategory.Robbery, 5) };
        var windows = TrendAnalysis.Windows(202401, 202412, new HashSet<int>());

        var rising = TrendAnalysis.RisingFastest(TrendAnalysis.Compare(counts, windows, [CrimeCategory.Robbery]));

        var row = Assert.Single(rising);
        Assert.False(row.IsRealRise);
        Assert.Equal(ChangeVerdict.NoRealChange, row.Verdict);
    }

    [Fact]
    public void HotspotPeriods_TwoYearsAutomatic_MonthlyBecausePoliceDataIsMonthly()
    {
        var (period, periods, _) = HotspotAnalysis.Periods(202301, 202412, null, new HashSet<int>());

        Assert.Equal(HotspotPeriod.Monthly, period);
        Assert.Equal(24, periods.Count);
    }

    [Fact]
    public void HotspotPeriods_QuarterWithAllMonthsMissing_IsExcludedNotZero()
    {
        var (period, periods, periodOfMonth) = HotspotAnalysis.Periods(202401, 202412, HotspotPeriod.Quarterly, new HashSet<int> { 202404, 202405, 202406, 202411 });

        Assert.Equal(HotspotPeriod.Quarterly, period);
        Assert.Equal(4, periods.Count);
        Assert.True(periods[1].Excluded);
        Assert.False(periods[3].Excluded);
        Assert.Equal([202411], periods[3].MissingMonths);
        Assert.Equal(3, periodOfMonth[202412]);
    }

    [Fact]
    public void WardNeighbours_SharedEdgeOrCorner_AreNeighbours()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        byte[] Square(double x, double y) => new WKBWriter().Write(factory.CreatePolygon([
            new Coordinate(x, y), new Coordinate(x + 1, y), new Coordinate(x + 1, y + 1), new Coordinate(x, y + 1), new Coordinate(x, y)]));

        var neighbours = WardNeighbours.Build([Square(0, 0), Square(1, 0), Square(1, 1), Square(5, 5)]);

        Assert.Equal([1, 2], neighbours[0].Order());
        Assert.Equal([0, 2], neighbours[1].Order());
        Assert.Empty(neighbours[3]);
    }

    [Fact]
    public void HotspotClassify_HolmAcrossPeriods_WeakSignalsNotSignificant()
    {
        // Raw p = 0.02 in each of 5 periods: Holm makes each 0.1, so nothing is significant (sfhotspot adjusts across periods).
        var gi = Enumerable.Range(0, 5).Select(_ => (IReadOnlyList<GiStarResult>)[new GiStarResult(2.33, 0.02)]).ToList();

        var result = Assert.Single(HotspotAnalysis.Classify(gi, 1));

        Assert.Equal(HotspotClass.None, result.Class);
        Assert.Equal(0, result.HotPeriods);
    }
}
