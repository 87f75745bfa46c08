using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class GetisOrdGiStarTests
{
    private static double[] SinglePeakFiveByFive()
    {
        var counts = new double[25];
        counts[12] = 25; // centre cell (column 2, row 2)
        return counts;
    }

    [Fact]
    public void ForGrid_CentrePeakWithQueenNeighbours_MatchesHandCalculation()
    {
        // n = 25, x̄ = 1, S = sqrt(600/25) = √24. Centre: Σw = 9, Σwx = 25,
        // denominator = √24 · sqrt((25·9 − 81)/24) = √24 · √6 = 12, so z = (25 − 9)/12 = 4/3.
        var results = GetisOrdGiStar.ForGrid(5, 5, SinglePeakFiveByFive(), cellSize: 100);

        Assert.Equal(4.0 / 3.0, results[12].Z, 10);
        Assert.Equal(SpecialFunctions.TwoSidedNormalP(4.0 / 3.0), results[12].PValue, 12);
    }

    [Fact]
    public void ForGrid_DiagonalNeighbourOfPeak_IncludesPeakAtCellSizeRootTwo()
    {
        // Cell (1,1) sees the peak diagonally only because the default distance is cell × √2.
        var results = GetisOrdGiStar.ForGrid(5, 5, SinglePeakFiveByFive(), cellSize: 100);

        Assert.Equal(4.0 / 3.0, results[6].Z, 10);
    }

    [Fact]
    public void ForGrid_CornerCell_HasFourNeighboursAndNegativeZ()
    {
        // Σw = 4, Σwx = 0: denominator = √24 · sqrt((100 − 16)/24) = √84; z = −4/√84.
        var results = GetisOrdGiStar.ForGrid(5, 5, SinglePeakFiveByFive(), cellSize: 100);

        Assert.Equal(-4.0 / Math.Sqrt(84), results[0].Z, 10);
    }

    [Fact]
    public void ForGrid_EdgeCellAwayFromPeak_HasSixNeighbours()
    {
        // Cell (2,0): Σw = 6, Σwx = 0: denominator = √24 · sqrt((150 − 36)/24) = √114; z = −6/√114.
        var results = GetisOrdGiStar.ForGrid(5, 5, SinglePeakFiveByFive(), cellSize: 100);

        Assert.Equal(-6.0 / Math.Sqrt(114), results[2].Z, 10);
    }

    [Fact]
    public void ForGrid_RookDistance_ExcludesDiagonals()
    {
        // Distance = cell size: centre Σw = 5, denominator = √24 · sqrt((125 − 25)/24) = 10; z = (25 − 5)/10 = 2.
        var results = GetisOrdGiStar.ForGrid(5, 5, SinglePeakFiveByFive(), cellSize: 100, neighbourDistance: 100);

        Assert.Equal(2.0, results[12].Z, 10);
        Assert.Equal(0.0455002638963584, results[12].PValue, 8);
    }

    [Fact]
    public void ForGrid_AllCountsEqual_ReturnsZeroAndPOne()
    {
        var results = GetisOrdGiStar.ForGrid(4, 3, Enumerable.Repeat(7.0, 12).ToArray(), cellSize: 200);

        Assert.All(results, r =>
        {
            Assert.Equal(0.0, r.Z);
            Assert.Equal(1.0, r.PValue);
        });
    }

    [Fact]
    public void ForGrid_EveryCellANeighbour_ReturnsZeroAndPOne()
    {
        // In a 3×3 grid the centre's queen neighbourhood is the whole grid, so Gi* is undefined.
        var counts = new double[9];
        counts[4] = 9;
        var results = GetisOrdGiStar.ForGrid(3, 3, counts, cellSize: 100);

        Assert.Equal(0.0, results[4].Z);
        Assert.Equal(1.0, results[4].PValue);
    }

    [Fact]
    public void ForGrid_WrongNumberOfCounts_Throws()
    {
        Assert.Throws<ArgumentException>(() => GetisOrdGiStar.ForGrid(3, 3, new double[8], cellSize: 100));
    }

    [Fact]
    public void ForAreas_ChainOfFour_MatchesHandCalculation()
    {
        // Values 10,0,0,0; chain 0–1–2–3. x̄ = 2.5, S = sqrt(75/4).
        // Area 0: Σw = 2, Σwx = 10, denominator = sqrt(18.75 · 4/3) = 5 ⇒ z = (10 − 5)/5 = 1.
        // Area 1: Σw = 3, Σwx = 10, denominator = sqrt(18.75 · 1) ⇒ z = 2.5/√18.75.
        // Area 3: Σw = 2, Σwx = 0 ⇒ z = −1.
        double[] values = [10, 0, 0, 0];
        IReadOnlyCollection<int>[] neighbours = [[1], [0, 2], [1, 3], [2]];

        var results = GetisOrdGiStar.ForAreas(values, neighbours);

        Assert.Equal(1.0, results[0].Z, 10);
        Assert.Equal(2.5 / Math.Sqrt(18.75), results[1].Z, 10);
        Assert.Equal(-1.0, results[3].Z, 10);
        Assert.Equal(0.31731050786291415, results[0].PValue, 8);
    }

    [Fact]
    public void ForAreas_SelfListedOrDuplicated_IsCountedOnce()
    {
        double[] values = [10, 0, 0, 0];
        IReadOnlyCollection<int>[] neighbours = [[0, 1, 1], [0, 2], [1, 3], [2]];

        var results = GetisOrdGiStar.ForAreas(values, neighbours);

        Assert.Equal(1.0, results[0].Z, 10);
    }

    [Fact]
    public void ForAreas_NeighbourOutOfRange_Throws()
    {
        double[] values = [1, 2];
        IReadOnlyCollection<int>[] neighbours = [[5], []];

        Assert.Throws<ArgumentOutOfRangeException>(() => GetisOrdGiStar.ForAreas(values, neighbours));
    }
}
