using CommunitySafety.Tests.Infrastructure;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CommunitySafety.Features.Places.Import;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class PoliceUkSourceTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("csp-readers-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Open_RealFolder_FindsStreetAndOutcomesAndSkipsStopAndSearch()
    {
        using var source = PoliceUkSource.Open(TestData.PathOf("police-uk"));
        Assert.Equal(28, source.Inputs.Count(i => i.Kind == PoliceUkFileKind.Street));
        Assert.Equal(13, source.Inputs.Count(i => i.Kind == PoliceUkFileKind.Outcomes));
        Assert.Equal(4, source.Notes.Count(n => n.Contains("stop-and-search", StringComparison.Ordinal)));
        Assert.Contains(source.Inputs, i => i.DisplayName == "street/hertfordshire/2021-01-hertfordshire-street.csv");
        var input = source.Inputs.First(i => i.DisplayName.EndsWith("2021-03-hertfordshire-outcomes.csv", StringComparison.Ordinal));
        Assert.Equal(new YearMonth(2021, 3), input.FileMonth);
    }

    [Fact]
    public void ComputeSha256_RealFile_MatchesSha256sum()
    {
        using var source = PoliceUkSource.Open(TestData.PathOf("police-uk/street/hertfordshire/2021-01-hertfordshire-street.csv"));
        var input = Assert.Single(source.Inputs);
        Assert.Equal("2021-01-hertfordshire-street.csv", input.DisplayName);
        Assert.Equal("eab5947e8cf1dfa1dd837d67a1011619b3cdddc18209aaac1977ef55f1086214", input.ComputeSha256());
        using var reader = input.OpenStreetReader();
        Assert.Equal(6_914, reader.Read().Count(r => r.IsRow));
    }

    [Fact]
    public void Open_SingleFileWithUnknownName_Throws()
    {
        var path = Path.Combine(_temp, "crimes.csv");
        File.WriteAllText(path, TestData.StreetHeader + "\n");
        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));
        Assert.Equal("crimes.csv", ex.File);
    }

    [Fact]
    public void Open_MissingPath_Throws()
    {
        Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(Path.Combine(_temp, "nope")));
    }

    [Fact]
    public void Open_MonthlyArchive_YieldsEntriesWithHashesAndNotes()
    {
        var street = TestData.StreetHeader + "\n" + TestData.StreetRow() + "\n";
        var zipPath = Path.Combine(_temp, "2021-01.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            Write(zip, "2021-01/2021-01-hertfordshire-street.csv", street);
            Write(zip, "2021-01/2021-01-hertfordshire-outcomes.csv", TestData.OutcomesHeader + "\n");
            Write(zip, "2021-01/2021-01-hertfordshire-stop-and-search.csv", "Type,Date\n");
        }

        using var source = PoliceUkSource.Open(zipPath);
        Assert.Equal(
            ["2021-01/2021-01-hertfordshire-outcomes.csv", "2021-01/2021-01-hertfordshire-street.csv"],
            source.Inputs.Select(i => i.DisplayName).ToArray());
        var input = source.Inputs[1];
        Assert.Equal(PoliceUkFileKind.Street, input.Kind);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(street))), input.ComputeSha256());
        using (var reader = input.OpenStreetReader())
        {
            Assert.Single(reader.Read());
        }

        Assert.Contains(source.Notes, n => n.Contains("stop-and-search", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_CorruptZip_ThrowsImportFormatException()
    {
        var zipPath = Path.Combine(_temp, "2021-02.zip");
        File.WriteAllBytes(zipPath, [.. "PK\u0003\u0004 this is not really a zip archive"u8]);
        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(zipPath));
        Assert.Equal("2021-02.zip", ex.File);
        Assert.Contains("zip", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedZip_ThrowsImportFormatException()
    {
        var good = Path.Combine(_temp, "good.zip");
        using (var zip = ZipFile.Open(good, ZipArchiveMode.Create))
        {
            Write(zip, "2021-01/2021-01-x-street.csv", TestData.StreetHeader + "\n" + string.Concat(Enumerable.Repeat(TestData.StreetRow() + "\n", 200)));
        }

        var bytes = File.ReadAllBytes(good);
        var truncated = Path.Combine(_temp, "2021-03.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(truncated));
    }

    [Fact]
    public void Read_ZipEntryWithCorruptCompressedData_ThrowsImportFormatException()
    {
        var zipPath = Path.Combine(_temp, "2021-04.zip");
        var body = TestData.StreetHeader + "\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => TestData.StreetRow(location: $"On or near Street {i}") + "\n"));
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            Write(zip, "2021-04/2021-04-x-street.csv", body);
        }

        var bytes = File.ReadAllBytes(zipPath);
        for (var i = 200; i < 260; i++)
        {
            bytes[i] ^= 0x5A; // scramble the deflate stream, leave the central directory intact
        }

        File.WriteAllBytes(zipPath, bytes);
        using var source = PoliceUkSource.Open(zipPath);
        var input = Assert.Single(source.Inputs);
        Assert.Throws<ImportFormatException>(input.ComputeSha256);
        var ex = Assert.Throws<ImportFormatException>(() =>
        {
            using var reader = input.OpenStreetReader();
            foreach (var unused in reader.Read())
            {
            }
        });
        Assert.Equal("2021-04/2021-04-x-street.csv", ex.File);
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
