using CommunitySafety.Features.Asb.Rules;

namespace CommunitySafety.Tests.Asb;

public class RepeatDetectorTests
{
    private static readonly DateOnly Today = new(2026, 5, 15);

    private static AsbIncident Incident(string id, DateOnly day, string agency = "Police", string category = "Personal", string victim = "V1", string? place = "P1") =>
        new(id, day.ToDateTime(new TimeOnly(21, 30), DateTimeKind.Utc), category, agency, [victim], place);

    [Fact]
    public void Detect_ExactlyThreeInWindowIncludingBoundaryDay_RepeatVictimAndLocation()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 2, 15)), // exactly 3 months before today: counts
            Incident("I2", new DateOnly(2026, 3, 20)),
            Incident("I3", Today),
        };

        var result = RepeatDetector.Detect(incidents, Today);

        var victim = Assert.Single(result.RepeatVictims);
        Assert.Equal("V1", victim.Id);
        Assert.Equal(["I1", "I2", "I3"], victim.Incidents.Select(i => i.Id));
        var place = Assert.Single(result.RepeatLocations);
        Assert.Equal("P1", place.Id);
        Assert.Equal(new DateOnly(2026, 2, 15), result.WindowStart);
    }

    [Fact]
    public void Detect_OneIncidentJustOutsideWindow_NotRepeat()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 2, 14)), // one day before the window
            Incident("I2", new DateOnly(2026, 3, 20)),
            Incident("I3", Today),
        };

        var result = RepeatDetector.Detect(incidents, Today);

        Assert.Empty(result.RepeatVictims);
        Assert.Empty(result.RepeatLocations);
    }

    [Fact]
    public void Detect_IncidentAfterToday_Ignored()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 3, 1)),
            Incident("I2", new DateOnly(2026, 4, 1)),
            Incident("I3", Today.AddDays(1)),
        };

        Assert.Empty(RepeatDetector.Detect(incidents, Today).RepeatVictims);
    }

    [Fact]
    public void Detect_DifferentAgencies_CountedTogether()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 3, 1), agency: "Police"),
            Incident("I2", new DateOnly(2026, 4, 1), agency: "Council"),
            Incident("I3", new DateOnly(2026, 5, 1), agency: "Housing association"),
        };

        var result = RepeatDetector.Detect(incidents, Today);

        Assert.Equal(3, Assert.Single(result.RepeatVictims).Count);
    }

    [Fact]
    public void Detect_VictimAtDifferentPlaces_RepeatVictimButNotLocation()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 3, 1), place: "P1"),
            Incident("I2", new DateOnly(2026, 4, 1), place: "P2"),
            Incident("I3", new DateOnly(2026, 5, 1), place: null),
        };

        var result = RepeatDetector.Detect(incidents, Today);

        Assert.Single(result.RepeatVictims);
        Assert.Empty(result.RepeatLocations);
    }

    [Fact]
    public void Detect_LocationWithDifferentVictims_RepeatLocationOnly()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 3, 1), victim: "V1"),
            Incident("I2", new DateOnly(2026, 4, 1), victim: "V2"),
            Incident("I3", new DateOnly(2026, 5, 1), victim: "V3"),
        };

        var result = RepeatDetector.Detect(incidents, Today);

        Assert.Empty(result.RepeatVictims);
        Assert.Equal("P1", Assert.Single(result.RepeatLocations).Id);
    }

    [Fact]
    public void Detect_CustomRuleTwoInOneMonth_UsesConfiguredValues()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 4, 15)),
            Incident("I2", new DateOnly(2026, 5, 1)),
        };

        var result = RepeatDetector.Detect(incidents, Today, new RepeatRule(MinimumIncidents: 2, WindowMonths: 1));

        Assert.Single(result.RepeatVictims);
    }

    [Fact]
    public void Detect_SameCategoryRequired_MixedCategoriesNotRepeat()
    {
        var incidents = new[]
        {
            Incident("I1", new DateOnly(2026, 3, 1), category: "Personal"),
            Incident("I2", new DateOnly(2026, 4, 1), category: "Nuisance"),
            Incident("I3", new DateOnly(2026, 5, 1), category: "Personal"),
        };

        Assert.Empty(RepeatDetector.Detect(incidents, Today, new RepeatRule(RequireSameCategory: true)).RepeatVictims);
        Assert.Single(RepeatDetector.Detect(incidents, Today).RepeatVictims);
    }

    [Fact]
    public void Detect_LocalTime_Throws()
    {
        var incident = new AsbIncident("I1", new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Local), "Personal", "Police", ["V1"], "P1");

        Assert.Throws<ArgumentException>(() => RepeatDetector.Detect([incident], Today));
    }
}
