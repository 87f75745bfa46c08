using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Asb;

/// <summary>Recording ASB incidents through the real page and API, for the victim-matching and repeat-flag tests.</summary>
static partial class AsbTestSupport
{
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Date(Dictionary<string, string> fields, string name, DateOnly? date)
    {
        fields[name + ".Day"] = date?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Month"] = date?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Year"] = date?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The incident form as an officer fills it in, naming the victim.</summary>
    public static Dictionary<string, string> IncidentForm(DateOnly occurred, string forename, string surname, DateOnly? dob, string place = "8 Match Street")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Category"] = "ASB-PERSONAL",
            ["Input.Narrative"] = "Abuse shouted at the victim",
            ["Input.VictimPersonId"] = "",
            ["Input.VictimForename"] = forename,
            ["Input.VictimSurname"] = surname,
            ["Input.VictimAddressLine1"] = "",
            ["Input.VictimPostcode"] = "",
            ["Input.PlaceLine1"] = place,
            ["Input.PlacePostcode"] = "AS9 9ZZ",
        };
        Date(fields, "Input.OccurredOn", occurred);
        Date(fields, "Input.ReportedOn", occurred);
        Date(fields, "Input.VictimDateOfBirth", dob);
        return fields;
    }

    public static Task<HttpResponseMessage> PostIncidentPageAsync(HttpClient client, Dictionary<string, string> fields) =>
        AppFactory.PostFormAsync(client, "/asb/incidents/new", new Dictionary<string, string>(fields));

    /// <summary>Posts an incident to the API; a victim by name is confirmed as new unless <paramref name="confirmNew"/> is false.</summary>
    public static async Task<JsonElement> PostIncidentApiAsync(HttpClient client, DateOnly occurred, int? victimPersonId = null,
        (string First, string Last, DateOnly Dob)? victim = null, string place = "8 Match Street", bool confirmNew = true, HttpStatusCode expect = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE",
            occurredOn = Iso(occurred), reportedOn = Iso(occurred),
            narrative = "Shouting in the street",
            victimPersonId,
            victimForename = victim?.First,
            victimSurname = victim?.Last,
            victimDateOfBirth = victim is { } v ? Iso(v.Dob) : null,
            placeLine1 = place,
            placePostcode = "AS9 9ZZ",
            confirmNewVictim = confirmNew,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expect == response.StatusCode, $"expected {(int)expect}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The radio values offered under "Is this the victim?" (match tokens, then "new").</summary>
    public static List<string> VictimChoices(string html) =>
        ChoicePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public static string CheckedVictim(string html) =>
        WebUtility.HtmlDecode(CheckedPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"Input.VictimChoice\" type=\"radio\" value=\"([^\"]+)\"")]
    private static partial Regex ChoicePattern();

    [GeneratedRegex("name=\"Input.CheckedVictim\" value=\"([^\"]*)\"")]
    private static partial Regex CheckedPattern();
}
