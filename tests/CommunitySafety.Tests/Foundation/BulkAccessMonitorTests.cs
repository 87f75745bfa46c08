using CommunitySafety.Security;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Tests.Foundation;

/// <summary>SEC-RL-01 (ASVS 5.0 2.4.1): 200 record views by one user within 10 minutes raise a bulk-access alert.</summary>
public sealed class BulkAccessMonitorTests
{
    static readonly DateTime Start = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    static readonly Guid Ellie = Guid.NewGuid();

    static BulkAccessMonitor Monitor() => new(Options.Create(new SecurityOptions()));

    /// <summary>Records <paramref name="count"/> views <paramref name="gap"/> apart from <paramref name="from"/>; returns which raised the alert (1-based).</summary>
    static List<int> Views(BulkAccessMonitor monitor, Guid user, int count, TimeSpan gap, DateTime from) =>
        [.. Enumerable.Range(1, count).Where(i => monitor.RecordView(user, from + (i - 1) * gap))];

    [Fact]
    public void RecordView_200thViewWithinTenMinutes_RaisesTheAlertOnce()
    {
        var monitor = Monitor();

        // 250 views 2 seconds apart: the 200th is at 6 min 38 s; the 50 after it are the same burst.
        Assert.Equal([200], Views(monitor, Ellie, 250, TimeSpan.FromSeconds(2), Start));
    }

    [Fact]
    public void RecordView_199ViewsWithinTenMinutes_RaisesNothing()
    {
        Assert.Empty(Views(Monitor(), Ellie, 199, TimeSpan.FromSeconds(3), Start));
    }

    [Fact]
    public void RecordView_200ViewsSpreadOverMoreThanTenMinutes_RaisesNothing()
    {
        // 200 views 3.02 s apart span 10 min 1 s: the first has left the window when the 200th comes.
        Assert.Empty(Views(Monitor(), Ellie, 200, TimeSpan.FromMilliseconds(3020), Start));
    }

    [Theory]
    [InlineData(0, false)]   // the 200th exactly ten minutes after the first: the first has left the window
    [InlineData(-1, true)]   // one tick sooner: all 200 are within it
    public void RecordView_200thAtTheEdgeOfTheWindow_CountsOnlyViewsWithinIt(long ticksFromTenMinutes, bool raised)
    {
        var monitor = Monitor();
        Assert.Empty(Views(monitor, Ellie, 199, TimeSpan.FromSeconds(1), Start));

        // The 199 above are at 0 s to 198 s; the 200th comes at the edge of the window that began with the first.
        Assert.Equal(raised, monitor.RecordView(Ellie, Start + TimeSpan.FromMinutes(10) + TimeSpan.FromTicks(ticksFromTenMinutes)));
    }

    [Fact]
    public void RecordView_SecondBurstAfterTheWindow_RaisesAgain_AndUsersAreCountedApart()
    {
        var monitor = Monitor();
        var dan = Guid.NewGuid();

        Assert.Equal([200], Views(monitor, Ellie, 200, TimeSpan.FromSeconds(1), Start));
        Assert.Empty(Views(monitor, dan, 199, TimeSpan.FromSeconds(1), Start));
        // A second burst within ten minutes of the alert raises nothing; one that starts after it raises its own.
        Assert.Empty(Views(monitor, Ellie, 200, TimeSpan.FromSeconds(1), Start.AddMinutes(5)));
        Assert.Equal([200], Views(monitor, Ellie, 200, TimeSpan.FromSeconds(1), Start.AddMinutes(30)));
    }
}
