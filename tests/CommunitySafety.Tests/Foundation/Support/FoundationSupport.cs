using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CommunitySafety.Tests.Foundation.Support;

/// <summary>A client whose cookie jar the test can read, so a session cookie can be copied and replayed.</summary>
public sealed class CookieClient(HttpClient client, CookieContainer cookies) : IDisposable
{
    public static readonly Uri BaseAddress = new("https://localhost");

    public HttpClient Client { get; } = client;
    public CookieContainer Cookies { get; } = cookies;

    public static CookieClient Create(AppFactory app)
    {
        var jar = new CookieContainer();
        var client = app.CreateDefaultClient(BaseAddress, new CookieContainerHandler(jar));
        return new CookieClient(client, jar);
    }

    public string? CookieValue(string name) => Cookies.GetCookies(BaseAddress).FirstOrDefault(c => c.Name == name)?.Value;

    public void Dispose() => Client.Dispose();
}

public static class Sessions
{
    public const string CookieName = "__Host-csp-session";

    /// <summary>Signs in through the form with a client whose cookies the test can read.</summary>
    public static async Task<CookieClient> SignInAsync(AppFactory app, string email, string password = AppFactory.DemoPassword)
    {
        var c = CookieClient.Create(app);
        var response = await AppFactory.PostFormAsync(c.Client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(c.CookieValue(CookieName));
        return c;
    }

    /// <summary>A fresh client that sends only the given session cookie, as an attacker replaying a copied cookie would.</summary>
    public static HttpClient Replay(AppFactory app, string cookieValue)
    {
        var client = app.CreateDefaultClient(CookieClient.BaseAddress);
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={cookieValue}");
        return client;
    }

    /// <summary>True when the response is the redirect to the sign-in page.</summary>
    public static bool IsSentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect &&
        response.Headers.Location?.ToString().Contains("/account/sign-in", StringComparison.Ordinal) == true;
}

/// <summary>Reads a page's form as a browser would submit it, lets the test change fields, and posts it.</summary>
public static class Forms
{
    static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The fields the form would send: hidden and text inputs, checked boxes and radios, selected options.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked) { fields.Add(new(input.Name, input.Value)); }
                    }
                    else if (input.Type is not ("submit" or "button"))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    if (selected is not null) { fields.Add(new(select.Name, selected.Value)); }
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Replaces every value of each named field (a list value gives several, e.g. checkboxes).</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, params string[] values)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return fields;
    }

    public static IHtmlFormElement MainForm(IHtmlDocument document, string? handler = null) =>
        document.Forms.First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) &&
            !(f.Action ?? "").Contains("/account/sign-out", StringComparison.Ordinal) &&
            (handler is null ? !(f.GetAttribute("action") ?? "").Contains("handler=", StringComparison.Ordinal)
                : (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal)));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        await client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>GETs the page, applies the changes to its main form and posts it back to the same address.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Action<List<KeyValuePair<string, string>>> change, string? handler = null)
    {
        var document = await GetDocumentAsync(client, url);
        var form = MainForm(document, handler);
        var fields = Fields(form);
        change(fields);
        var action = form.GetAttribute("action");
        return await PostAsync(client, string.IsNullOrEmpty(action) ? url : WebUtility.HtmlDecode(action), fields);
    }

    public static string ErrorSummary(string html) =>
        Parse(html).QuerySelector(".govuk-error-summary")?.TextContent ?? "";
}

/// <summary>RFC 6238 time-based one-time passwords (HMAC-SHA1, 30 s steps, 6 digits), as an authenticator app computes them.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset time)
    {
        var key = Base32Decode(base32Key);
        var counter = time.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        // RFC 6238 TOTP, as authenticator apps compute it, is HMAC-SHA1: the test must compute the same code.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var ch in clean)
        {
            var value = alphabet.IndexOf(ch, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{ch}' is not a base32 character.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }
        return [.. bytes];
    }
}
