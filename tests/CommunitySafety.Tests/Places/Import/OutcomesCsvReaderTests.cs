using CommunitySafety.Tests.Infrastructure;
using CommunitySafety.Features.Places.Import;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class OutcomesCsvReaderTests
{
    [Fact]
    public void Read_AllRealHertfordshireOutcomes_YieldsPublishedCounts()
    {
        long rows = 0, rejected = 0, charged = 0;
        foreach (var file in Directory.GetFiles(TestData.PathOf("police-uk/outcomes/hertfordshire"), "*-outcomes.csv"))
        {
            using var reader = OutcomesCsvReader.Open(file);
            foreach (var r in reader.Read())
            {
                if (!r.IsRow)
                {
                    rejected++;
                    continue;
                }

                rows++;
                if (r.Row.OutcomeType == "Suspect charged")
                {
                    charged++;
                }
            }
        }

        Assert.Equal(85_099, rows);
        Assert.Equal(0, rejected);
        Assert.Equal(9_960, charged);
    }

    [Fact]
    public void Read_MissingCrimeIdOrOutcome_Rejects()
    {
        var text = TestData.OutcomesHeader + "\n" +
            ",2021-01,Herts,Herts,,,No location,,,Suspect charged\n" +
            TestData.Id + ",2021-01,Herts,Herts,,,No location,,,\n" +
            TestData.Id + ",2021-01,Herts,Herts,-0.2,51.8,On or near X,E01023289,Broxbourne 004A,Local resolution\n";
        using var reader = new OutcomesCsvReader(TestData.Utf8(text, bom: true), "2021-01-x-outcomes.csv");
        var results = reader.Read().ToList();
        Assert.Equal("Crime ID", results[0].Rejection!.Field);
        Assert.Equal("Outcome type", results[1].Rejection!.Field);
        Assert.Equal("Local resolution", results[2].Row.OutcomeType);
        Assert.Equal(4, results[2].Row.Line);
    }

    [Fact]
    public void Read_StreetHeaderInOutcomesReader_Throws()
    {
        var ex = Assert.Throws<ImportFormatException>(() =>
            new OutcomesCsvReader(TestData.Utf8(TestData.StreetHeader + "\n"), "x-outcomes.csv"));
        Assert.Contains("Outcome type", ex.Message, StringComparison.Ordinal);
    }
}
