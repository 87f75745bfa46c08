namespace CommunitySafety.Features.Places.Analysis;

/// <summary>A grid cell position: column counts east from the grid's west edge, row counts north from its south edge.</summary>
public readonly record struct GridCell(int Column, int Row);

/// <summary>Raised when a requested grid would be too large to analyse safely.</summary>
public sealed class GridTooLargeException : InvalidOperationException
{
    public GridTooLargeException()
    {
    }

    public GridTooLargeException(string message)
        : base(message)
    {
    }

    public GridTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A square-cell grid over an extent in British National Grid metres (EPSG:27700), used for Gi* hotspots.
/// </summary>
/// <param name="MinX">West edge (easting, m).</param>
/// <param name="MinY">South edge (northing, m).</param>
/// <param name="CellSize">Cell side length (m).</param>
/// <param name="Columns">Number of columns (west → east).</param>
/// <param name="Rows">Number of rows (south → north).</param>
public sealed record HotspotGrid(double MinX, double MinY, double CellSize, int Columns, int Rows)
{
    /// <summary>sfhotspot's automatic size: 50 cells along the shorter side (reference.md §2.11).</summary>
    public const int CellsOnShorterSide = 50;

    /// <summary>Cell sizes are rounded to whole multiples of this (sfhotspot rounds to 100 m).</summary>
    public const double RoundingStep = 100.0;

    /// <summary>
    /// Smallest cell size allowed. sfhotspot issue #26: areas under ~5 km round to a 0 m cell;
    /// flooring at one rounding step avoids a zero/infinite grid.
    /// </summary>
    public const double MinimumCellSize = 100.0;

    /// <summary>
    /// Default cap on cells. sfhotspot issue #24: one stray point (e.g. at "null island") produced a grid of
    /// millions of cells; we fail loudly instead so the caller can clean the data.
    /// </summary>
    public const long DefaultMaxCells = 250_000;

    /// <summary>Total number of cells.</summary>
    public long CellCount => (long)Columns * Rows;

    /// <summary>
    /// Automatic cell size for an extent: shorter side ÷ 50, rounded to the nearest 100 m, at least 100 m.
    /// </summary>
    public static double ChooseCellSize(double width, double height)
    {
        if (!(width >= 0) || !(height >= 0) || double.IsInfinity(width) || double.IsInfinity(height))
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Extent must be finite and non-negative (got {width} × {height}).");
        }

        var raw = Math.Min(width, height) / CellsOnShorterSide;
        var rounded = Math.Round(raw / RoundingStep, MidpointRounding.AwayFromZero) * RoundingStep;
        return Math.Max(MinimumCellSize, rounded);
    }

    /// <summary>
    /// Builds a grid covering [minX, maxX] × [minY, maxY]. Cell size defaults to <see cref="ChooseCellSize"/>.
    /// Throws <see cref="GridTooLargeException"/> when the grid would exceed <paramref name="maxCells"/>.
    /// </summary>
    public static HotspotGrid Create(
        double minX,
        double minY,
        double maxX,
        double maxY,
        double? cellSize = null,
        long maxCells = DefaultMaxCells)
    {
        if (!double.IsFinite(minX) || !double.IsFinite(minY) || !double.IsFinite(maxX) || !double.IsFinite(maxY))
        {
            throw new ArgumentException("Extent coordinates must be finite.");
        }

        if (maxX < minX || maxY < minY)
        {
            throw new ArgumentException($"Extent is inverted: x {minX}..{maxX}, y {minY}..{maxY}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCells);

        var width = maxX - minX;
        var height = maxY - minY;
        var size = cellSize ?? ChooseCellSize(width, height);
        if (!(size > 0) || double.IsInfinity(size))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "Cell size must be positive and finite.");
        }

        // At least one cell so a single point (zero extent) still gets a grid.
        var columns = Math.Max(1.0, Math.Ceiling(width / size));
        var rows = Math.Max(1.0, Math.Ceiling(height / size));
        var total = columns * rows;
        if (total > maxCells)
        {
            throw new GridTooLargeException(
                $"A {size:0} m grid over {width:0} m × {height:0} m needs {total:0} cells, above the limit of {maxCells}. " +
                "Check for stray points outside the area (e.g. at 0,0) or choose a larger cell size.");
        }

        return new HotspotGrid(minX, minY, size, (int)columns, (int)rows);
    }

    /// <summary>
    /// Cell containing (x, y), or null when the point is outside the grid. Points exactly on the east or
    /// north edge belong to the last column/row so the extent's own corner points are never dropped.
    /// </summary>
    public GridCell? CellOf(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return null;
        }

        var maxX = MinX + (Columns * CellSize);
        var maxY = MinY + (Rows * CellSize);
        if (x < MinX || y < MinY || x > maxX || y > maxY)
        {
            return null;
        }

        var col = Math.Min(Columns - 1, (int)Math.Floor((x - MinX) / CellSize));
        var row = Math.Min(Rows - 1, (int)Math.Floor((y - MinY) / CellSize));
        return new GridCell(col, row);
    }

    /// <summary>Row-major index (row × Columns + column), matching <see cref="GetisOrdGiStar.ForGrid"/>.</summary>
    public int IndexOf(GridCell cell) => (cell.Row * Columns) + cell.Column;

    /// <summary>Centre of a cell in BNG metres.</summary>
    public (double X, double Y) CentreOf(GridCell cell) =>
        (MinX + ((cell.Column + 0.5) * CellSize), MinY + ((cell.Row + 0.5) * CellSize));

    /// <summary>Counts points per cell (row-major), ignoring points outside the grid; returns how many were ignored.</summary>
    public (double[] Counts, int Outside) Count(IEnumerable<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var counts = new double[CellCount];
        var outside = 0;
        foreach (var (x, y) in points)
        {
            var cell = CellOf(x, y);
            if (cell is null)
            {
                outside++;
                continue;
            }

            counts[IndexOf(cell.Value)]++;
        }

        return (counts, outside);
    }
}
