using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Errors;

[AllowAnonymous]
// Order above the convention-wide AutoValidateAntiforgeryToken (1000), or that one is the closest policy and a
// re-executed POST (e.g. the 400 for a missing token) fails validation again and gets an empty 400 instead of this page.
[IgnoreAntiforgeryToken(Order = 1001)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Lines { get; private set; } = [];
    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    void Describe(int? code)
    {
        Code = code ?? 500;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Heading, Lines) = Code switch
        {
            400 => ("Sorry, the request could not be read", (IReadOnlyList<string>)["Go back and try again. If a form was open for a long time, reload it first."]),
            403 => ("You do not have permission to see this page", ["Your role or agency does not give you access to it.", "If you think you need access, ask your agency manager or an administrator."]),
            404 => ("Page not found", ["If you typed the web address, check it is correct.", "If you followed a link to a record, it may not exist or may not be shared with your agency."]),
            405 => ("Sorry, that action is not available here", []),
            409 => ("Someone else changed this record", ["Go back, reload the record and make your change again."]),
            413 => ("The file or request is too large", ["Choose a smaller file."]),
            429 => ("Too many attempts", ["Wait a minute, then try again."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. Nothing you entered has been saved unless you saw a confirmation."]),
        };
        if (HttpContext.Features.Get<ErrorExplanation>() is { } explained)
        {
            (Heading, Lines) = (explained.Heading, explained.Lines);
        }

        if (code is int c && c != HttpContext.Response.StatusCode && HttpContext.Response.StatusCode == 200)
        {
            HttpContext.Response.StatusCode = c;
        }
    }
}
