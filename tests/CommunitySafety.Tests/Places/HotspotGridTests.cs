using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class HotspotGridTests
{
    [Theory]
    [InlineData(20_000, 40_000, 400)] // 20 km / 50 = 400 m
    [InlineData(12_500, 50_000, 300)] // 250 m rounds half away from zero to 300 m
    [InlineData(12_400, 50_000, 200)] // 248 m rounds to 200 m
    [InlineData(3_000, 10_000, 100)] // 60 m rounds to 100 m
    [InlineData(1_000, 1_000, 100)] // 20 m would round to 0 (sfhotspot #26); floored at 100 m
    [InlineData(0, 0, 100)] // a single point still gets a usable cell size
    public void ChooseCellSize_Extent_GivesFiftyCellsOnShorterSideRoundedTo100(double width, double height, double expected)
    {
        Assert.Equal(expected, HotspotGrid.ChooseCellSize(width, height));
    }

    [Fact]
    public void Create_AutomaticSize_BuildsExpectedDimensions()
    {
        var grid = HotspotGrid.Create(500_000, 200_000, 520_000, 240_000);

        Assert.Equal(400, grid.CellSize);
        Assert.Equal(50, grid.Columns);
        Assert.Equal(100, grid.Rows);
        Assert.Equal(5_000, grid.CellCount);
    }

    [Fact]
    public void Create_TooManyCells_ThrowsClearError()
    {
        // 700 km × 5 km at the 100 m minimum = 7,000 × 50 = 350,000 cells (above the 250,000 cap).
        var ex = Assert.Throws<GridTooLargeException>(() => HotspotGrid.Create(0, 0, 700_000, 5_000));

        Assert.Contains("350000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stray points", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExplicitSmallCellOverLargeArea_Throws()
    {
        Assert.Throws<GridTooLargeException>(() => HotspotGrid.Create(0, 0, 100_000, 100_000, cellSize: 100));
    }

    [Fact]
    public void Create_CustomCap_IsRespected()
    {
        Assert.Throws<GridTooLargeException>(() => HotspotGrid.Create(0, 0, 1_000, 1_000, cellSize: 100, maxCells: 99));
        Assert.Equal(100, HotspotGrid.Create(0, 0, 1_000, 1_000, cellSize: 100, maxCells: 100).CellCount);
    }

    [Fact]
    public void Create_InvertedExtent_Throws()
    {
        Assert.Throws<ArgumentException>(() => HotspotGrid.Create(10, 0, 0, 10));
    }

    [Theory]
    [InlineData(50, 50, 0, 0)]
    [InlineData(150, 950, 1, 9)]
    [InlineData(100, 100, 1, 1)] // a point on an internal boundary goes to the cell above/right
    [InlineData(1_000, 1_000, 9, 9)] // the extent's far corner stays inside the grid
    public void CellOf_PointInside_ReturnsColumnAndRow(double x, double y, int column, int row)
    {
        var grid = HotspotGrid.Create(0, 0, 1_000, 1_000, cellSize: 100);

        Assert.Equal(new GridCell(column, row), grid.CellOf(x, y));
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(1_000.1, 500)]
    [InlineData(500, double.NaN)]
    public void CellOf_PointOutside_ReturnsNull(double x, double y)
    {
        var grid = HotspotGrid.Create(0, 0, 1_000, 1_000, cellSize: 100);

        Assert.Null(grid.CellOf(x, y));
    }

    [Fact]
    public void Count_Points_AreTalliedRowMajorWithOutsideReported()
    {
        var grid = HotspotGrid.Create(0, 0, 300, 200, cellSize: 100);

        var (counts, outside) = grid.Count([(50, 50), (250, 150), (260, 160), (9_999, 0)]);

        Assert.Equal(6, counts.Length);
        Assert.Equal(1, counts[0]);
        Assert.Equal(2, counts[grid.IndexOf(new GridCell(2, 1))]);
        Assert.Equal(1, outside);
    }

    [Fact]
    public void CentreOf_Cell_IsMidpoint()
    {
        var grid = HotspotGrid.Create(500_000, 200_000, 501_000, 201_000, cellSize: 100);

        Assert.Equal((500_250.0, 200_150.0), grid.CentreOf(new GridCell(2, 1)));
    }
}
