using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace CommunitySafety.Features.Accounts;

/// <summary>
/// Password rules from ASVS 5.0 6.2: at least 12 characters (our minimum; ASVS asks ≥ 8), up to
/// 128, no composition rules, and a check against commonly used passwords made offline (6.2.4,
/// 6.2.12: at least the top 3,000). A password is refused when, with digits and symbols at its ends
/// removed and look-alike characters undone, it is one of the 49,000 most used passwords ranked by
/// zxcvbn-ts (npm <c>@zxcvbn-ts/language-common</c>, embedded by the build), one of our own short
/// list of words people here would pick (the partnership, its agencies and counties), a keyboard
/// run, or one or two characters repeated.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    static readonly Lazy<HashSet<string>> Common = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problem = Check(password, user.UserName, user.Email);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = problem }));
    }

    /// <summary>Returns why the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string? password, string? userName = null, string? email = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"Password must be {MinimumLength} characters or more";
        }
        if (password.Length > MaximumLength)
        {
            return $"Password must be {MaximumLength} characters or fewer";
        }
        var core = Normalise(password);
        // Digits added at the end must be stripped before look-alikes are undone, or "password123456" becomes
        // "passwordi2eas" and slips past the list; "p4ssw0rd" needs the look-alikes undone. Check both readings.
        var cores = new[] { core, Normalise(StripEnds(password.ToLowerInvariant())) };
        if (cores.Any(c => c.Length == 0 || c.Distinct().Count() <= 2))
        {
            return "Password is too easy to guess: use a few unrelated words";
        }
        if (cores.Any(c => Common.Value.Contains(c) || IsKeyboardRun(c)))
        {
            return "Password is too common: use a few unrelated words";
        }
        foreach (var personal in new[] { userName, email?.Split('@')[0] })
        {
            if (!string.IsNullOrWhiteSpace(personal) && personal.Length >= 4 &&
                core.Contains(Normalise(personal), StringComparison.Ordinal))
            {
                return "Password must not contain your user name";
            }
        }
        return null;
    }

    static string Normalise(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value.ToLowerInvariant())
        {
            sb.Append(ch switch
            {
                '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '!' => 'i',
                _ => ch,
            });
        }
        // Strip what people add to a weak word to pass rules: digits, symbols and spaces at the ends.
        return StripEnds(sb.ToString()).Replace(" ", "", StringComparison.Ordinal);
    }

    static string StripEnds(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && !char.IsLetter(s[start])) { start++; }
        while (end > start && !char.IsLetter(s[end - 1])) { end--; }
        return s[start..end];
    }

    static readonly string[] KeyboardRows = ["qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "qazwsxedcrfvtgbyhnujmikolp"];

    static bool IsKeyboardRun(string core) =>
        core.Length >= 4 && KeyboardRows.Any(row => row.Contains(core, StringComparison.Ordinal) ||
            row.Contains(new string(core.Reverse().ToArray()), StringComparison.Ordinal));

    static HashSet<string> LoadList()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Add(string entry)
        {
            // Both readings a password gets in Check, so "qwerty123456" and "1qaz2wsx3edc" are caught however typed.
            foreach (var core in new[] { Normalise(entry), Normalise(StripEnds(entry.ToLowerInvariant())) })
            {
                if (core.Length > 0) { set.Add(core); }
            }
        }

        using (var reader = new StreamReader(Resource("CommunitySafety.Features.Accounts.common-passwords.txt")))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && line[0] != '#') { Add(line.Trim()); }
            }
        }
        using (var ranked = Resource("CommunitySafety.Features.Accounts.passwords.json"))
        {
            foreach (var entry in JsonSerializer.Deserialize<string[]>(ranked) ?? [])
            {
                Add(entry);
            }
        }
        return set;
    }

    static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded common password list {name} is missing: build the project so npm installs it.");
}
