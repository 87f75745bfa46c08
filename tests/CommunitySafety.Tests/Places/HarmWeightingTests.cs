using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class HarmWeightingTests
{
    private static readonly HarmWeightTable Table = new(
        "Test harm index",
        "2026-01",
        new Dictionary<string, double> { ["burglary"] = 10, ["anti-social-behaviour"] = 1 });

    [Fact]
    public void Compute_AllCategoriesWeighted_SumsCountTimesWeight()
    {
        var result = HarmWeighting.Compute(
            new Dictionary<string, double> { ["burglary"] = 3, ["anti-social-behaviour"] = 5 },
            Table,
            population: 1_000);

        Assert.Equal(35, result.TotalHarm);
        Assert.Equal(35, result.HarmPerThousand);
        Assert.True(result.IsComplete);
        Assert.Equal("Test harm index", result.TableName);
        Assert.Equal("2026-01", result.TableVersion);
        Assert.Equal(30, result.Categories.Single(c => c.Category == "burglary").Harm);
    }

    [Fact]
    public void Compute_CategoryMissingFromTable_IsReportedNotZeroed()
    {
        var result = HarmWeighting.Compute(
            new Dictionary<string, double> { ["burglary"] = 3, ["drugs"] = 2, ["shoplifting"] = 4 },
            Table);

        Assert.Equal(30, result.TotalHarm);
        Assert.False(result.IsComplete);
        Assert.Equal(["drugs", "shoplifting"], result.MissingCategories);
        Assert.Equal(6, result.UnweightedCount);
        Assert.Null(result.HarmPerThousand);
    }

    [Fact]
    public void Compute_CategoryCaseDiffers_StillMatches()
    {
        var result = HarmWeighting.Compute(new Dictionary<string, double> { ["Burglary"] = 2 }, Table);

        Assert.Equal(20, result.TotalHarm);
        Assert.Empty(result.MissingCategories);
    }

    [Fact]
    public void Constructor_DuplicateCategoryIgnoringCase_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HarmWeightTable(
            "t",
            "1",
            new Dictionary<string, double> { ["Burglary"] = 1, ["burglary"] = 2 }));
    }

    [Fact]
    public void Constructor_NegativeWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HarmWeightTable(
            "t",
            "1",
            new Dictionary<string, double> { ["burglary"] = -1 }));
    }
}
