using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class HotspotClassifierTests
{
    // Builds n periods; indices in hot/cold are significant (p = 0.001) with positive/negative z.
    private static PeriodStatistic[] Periods(int n, int[]? hot = null, int[]? cold = null)
    {
        var result = Enumerable.Repeat(new PeriodStatistic(0.3, 0.8), n).ToArray();
        foreach (var i in hot ?? [])
        {
            result[i] = new PeriodStatistic(3.5, 0.001);
        }

        foreach (var i in cold ?? [])
        {
            result[i] = new PeriodStatistic(-3.5, 0.001);
        }

        return result;
    }

    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    [Theory]
    [InlineData(10, 2)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(50, 10)]
    public void RecentPeriodCount_Periods_IsCeilingOfTwentyPercentAtLeastOne(int periods, int expected)
    {
        Assert.Equal(expected, HotspotClassifier.RecentPeriodCount(periods));
    }

    [Fact]
    public void Classify_HotInExactlyEightyPercent_IsPersistentHotspot()
    {
        var result = HotspotClassifier.Classify(Periods(10, hot: Range(0, 8)));

        Assert.Equal(HotspotClass.PersistentHotspot, result.Class);
        Assert.Equal(8, result.HotPeriods);
    }

    [Fact]
    public void Classify_HotInSeventyPercentAllOld_IsFormerNotPersistent()
    {
        // 7/10 < 80%; older 7/8 ≥ 10% and recent 0/2 < 10% ⇒ former.
        var result = HotspotClassifier.Classify(Periods(10, hot: Range(0, 7)));

        Assert.Equal(HotspotClass.FormerHotspot, result.Class);
    }

    [Fact]
    public void Classify_HotOnlyInRecentPeriods_IsEmergingHotspot()
    {
        var result = HotspotClassifier.Classify(Periods(10, hot: [8, 9]));

        Assert.Equal(HotspotClass.EmergingHotspot, result.Class);
        Assert.Equal(2, result.RecentHotPeriods);
    }

    [Fact]
    public void Classify_HotOnlyInOlderPeriods_IsFormerHotspot()
    {
        var result = HotspotClassifier.Classify(Periods(10, hot: [0, 1, 2]));

        Assert.Equal(HotspotClass.FormerHotspot, result.Class);
    }

    [Fact]
    public void Classify_HotEarlyAndLate_IsIntermittentHotspot()
    {
        // Older 1/8 = 12.5% (not < 10%, so not emerging); recent 1/2 (not < 10%, so not former); all 2/10 ≥ 10%.
        var result = HotspotClassifier.Classify(Periods(10, hot: [0, 9]));

        Assert.Equal(HotspotClass.IntermittentHotspot, result.Class);
    }

    [Fact]
    public void Classify_HotInExactlyTenPercentNoTrend_IsIntermittent()
    {
        // n = 30, recent 6, older 24. Hot in 2 older + 1 recent = 3/30 = 10% exactly.
        // Older 2/24 < 10% but recent 1/6 < 20% (not emerging); older < 10% (not former).
        var result = HotspotClassifier.Classify(Periods(30, hot: [0, 10, 29]));

        Assert.Equal(HotspotClass.IntermittentHotspot, result.Class);
    }

    [Fact]
    public void Classify_HotJustBelowTenPercentNoTrend_IsNone()
    {
        // 2/30 ≈ 6.7%, older 2/24 ≈ 8.3%, recent 0.
        var result = HotspotClassifier.Classify(Periods(30, hot: [0, 10]));

        Assert.Equal(HotspotClass.None, result.Class);
    }

    [Fact]
    public void Classify_OlderExactlyTenPercentRecentNone_IsFormer()
    {
        // n = 50, recent 10, older 40: 4/40 = 10% exactly.
        var result = HotspotClassifier.Classify(Periods(50, hot: [0, 1, 2, 3]));

        Assert.Equal(HotspotClass.FormerHotspot, result.Class);
    }

    [Fact]
    public void Classify_OlderExactlyTenPercentRecentTwenty_IsIntermittentNotEmerging()
    {
        // Older 4/40 = 10% is not "< 10%", recent 2/10 is not "< 10%", all 6/50 = 12% ⇒ intermittent.
        var result = HotspotClassifier.Classify(Periods(50, hot: [0, 1, 2, 3, 48, 49]));

        Assert.Equal(HotspotClass.IntermittentHotspot, result.Class);
    }

    [Fact]
    public void Classify_OlderBelowTenRecentExactlyTwenty_IsEmerging()
    {
        var result = HotspotClassifier.Classify(Periods(50, hot: [0, 1, 2, 48, 49]));

        Assert.Equal(HotspotClass.EmergingHotspot, result.Class);
    }

    [Fact]
    public void Classify_ColdInAllPeriods_IsPersistentColdspot()
    {
        var result = HotspotClassifier.Classify(Periods(10, cold: Range(0, 10)));

        Assert.Equal(HotspotClass.PersistentColdspot, result.Class);
    }

    [Fact]
    public void Classify_ColdOnlyRecently_IsEmergingColdspot()
    {
        Assert.Equal(HotspotClass.EmergingColdspot, HotspotClassifier.Classify(Periods(10, cold: [9])).Class);
    }

    [Fact]
    public void Classify_ColdOnlyInOlderPeriods_IsFormerColdspot()
    {
        Assert.Equal(HotspotClass.FormerColdspot, HotspotClassifier.Classify(Periods(10, cold: [3])).Class);
    }

    [Fact]
    public void Classify_ColdEarlyAndLate_IsIntermittentColdspot()
    {
        Assert.Equal(HotspotClass.IntermittentColdspot, HotspotClassifier.Classify(Periods(10, cold: [0, 9])).Class);
    }

    [Fact]
    public void Classify_FormerHotAndEmergingCold_IsMixed()
    {
        var result = HotspotClassifier.Classify(Periods(10, hot: [0, 1, 2], cold: [8, 9]));

        Assert.Equal(HotspotClass.Mixed, result.Class);
        Assert.Equal(HotspotClass.FormerHotspot, result.HotClass);
        Assert.Equal(HotspotClass.EmergingColdspot, result.ColdClass);
    }

    [Fact]
    public void Classify_PValueEqualToCritical_IsNotSignificant()
    {
        var periods = Enumerable.Repeat(new PeriodStatistic(2.0, 0.05), 10).ToArray();

        Assert.Equal(HotspotClass.None, HotspotClassifier.Classify(periods).Class);
    }

    [Fact]
    public void Classify_SingleSignificantPeriod_IsPersistent()
    {
        Assert.Equal(HotspotClass.PersistentHotspot, HotspotClassifier.Classify(Periods(1, hot: [0])).Class);
    }

    [Fact]
    public void Classify_CustomCriticalP_ChangesSignificance()
    {
        var periods = Enumerable.Repeat(new PeriodStatistic(2.0, 0.04), 10).ToArray();
        var strict = new HotspotClassifierParameters { CriticalP = 0.01 };

        Assert.Equal(HotspotClass.PersistentHotspot, HotspotClassifier.Classify(periods).Class);
        Assert.Equal(HotspotClass.None, HotspotClassifier.Classify(periods, strict).Class);
    }

    [Fact]
    public void Classify_NoPeriods_Throws()
    {
        Assert.Throws<ArgumentException>(() => HotspotClassifier.Classify([]));
    }
}
