namespace CommunitySafety.Features.Errors;

/// <summary>
/// What went wrong, in the words of the endpoint that refused the request, for the error page to show instead of
/// its general text for the status code. The error page is re-executed on the same request, so a feature set on
/// the request before returning the status reaches it.
/// </summary>
public sealed record ErrorExplanation(string Heading, IReadOnlyList<string> Lines)
{
    public static void Set(HttpContext http, string heading, params string[] lines) =>
        http.Features.Set(new ErrorExplanation(heading, lines));
}
