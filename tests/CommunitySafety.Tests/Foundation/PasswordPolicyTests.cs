using System.Text.Json;
using CommunitySafety.Features.Accounts;

namespace CommunitySafety.Tests.Foundation;

/// <summary>SEC-AUTH-03 and ASVS 5.0 6.2.4/6.2.12: common passwords are refused, offline.</summary>
public sealed class PasswordPolicyTests
{
    [Fact]
    [Trait("Requirement", "SEC-AUTH-03")]
    public void Check_EveryTop3000PasswordLongEnoughToBeAllowed_IsRefusedAsCommon()
    {
        // The ranked list as npm installed it beside the project, read here independently of the embedded copy.
        var ranked = JsonSerializer.Deserialize<string[]>(File.ReadAllText(RankedListPath()))!;
        var candidates = ranked.Take(3000).Where(p => p.Length >= CommonPasswordValidator.MinimumLength).ToList();

        Assert.Contains("qwerty123456", candidates);
        var accepted = candidates.Where(p => CommonPasswordValidator.Check(p) is null).ToList();
        Assert.True(accepted.Count == 0, "Accepted: " + string.Join(", ", accepted));
    }

    [Fact]
    [Trait("Requirement", "SEC-AUTH-03")]
    public void Check_RankedPasswordsBeyondTheTop3000_AreRefusedToo()
    {
        var ranked = JsonSerializer.Deserialize<string[]>(File.ReadAllText(RankedListPath()))!;
        var beyond = ranked.Skip(3000).Where(p => p.Length >= CommonPasswordValidator.MinimumLength).ToList();

        Assert.True(beyond.Count > 100, $"only {beyond.Count} long entries beyond the top 3,000");
        var accepted = beyond.Where(p => CommonPasswordValidator.Check(p) is null).ToList();
        Assert.True(accepted.Count == 0, $"{accepted.Count} accepted, e.g. " + string.Join(", ", accepted.Take(20)));
    }

    [Theory]
    [Trait("Requirement", "SEC-AUTH-03")]
    [InlineData("Qwerty123456!")]     // capitals and a symbol added to a ranked password
    [InlineData("1QAZ2WSX3EDC")]      // a keyboard pattern from the ranked list, shouted
    [InlineData("P4rtnership2026")]   // our own word, look-alike digit and a year
    [InlineData("Hertfordshire1!")]
    [InlineData("password123456")]
    public void Check_CommonPasswordDressedUp_IsRefused(string password)
    {
        Assert.StartsWith("Password is too", CommonPasswordValidator.Check(password));
    }

    [Theory]
    [Trait("Requirement", "SEC-AUTH-03")]
    [InlineData("correct horse battery staple")]
    [InlineData("amber heron folds maps")]
    [InlineData("Partnership board meets on Thursday")]
    public void Check_PassphraseOfUnrelatedWords_IsAccepted(string password)
    {
        Assert.Null(CommonPasswordValidator.Check(password));
    }

    private static string RankedListPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CommunitySafety", "node_modules", "@zxcvbn-ts", "language-common", "src", "passwords.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("The ranked password list is not installed: build src/CommunitySafety (it runs npm ci).");
    }
}
