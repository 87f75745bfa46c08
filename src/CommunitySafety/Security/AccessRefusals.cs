using System.Globalization;
using CommunitySafety.Auditing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CommunitySafety.Security;

/// <summary>
/// Audits refused record look-ups (<c>authz.denied</c>): who, which kind of record and which id, and the route. The user
/// still gets the same answer as for an id that does not exist, so a refusal discloses nothing to them, but a partner's
/// DPO can see someone trying ids (ASVS 5.0 V16.3.2: log failed authorisation decisions).
/// <para>
/// One place for every caller: a record-level check that refuses calls <see cref="Refused"/> (or simply answers 404 on a
/// route with an id, which this middleware notices by itself), and the entry is written when the request ends, in its
/// own unit of work so nothing the refused request staged is saved with it.
/// </para>
/// </summary>
public sealed class AccessRefusals(RequestDelegate next)
{
    public const string Action = "authz.denied";
    const string Key = "CommunitySafety.AccessRefusals";

    /// <summary>Records that the current user was refused <paramref name="recordType"/> <paramref name="id"/>.</summary>
    public static void Refused(HttpContext? http, string recordType, int id) =>
        Refused(http, recordType, id.ToString(CultureInfo.InvariantCulture));

    public static void Refused(HttpContext? http, string recordType, string id)
    {
        if (http is null)
        {
            return;
        }
        if (http.Items[Key] is not List<(string Type, string Id)> list)
        {
            http.Items[Key] = list = [];
        }
        if (!list.Contains((recordType, id)))
        {
            list.Add((recordType, id));
        }
    }

    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes)
    {
        await next(http);
        if (http.User.Identity?.IsAuthenticated != true || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }
        var refusals = http.Items[Key] as List<(string Type, string Id)> ?? [];
        if (refusals.Count == 0 && http.Response.StatusCode == StatusCodes.Status404NotFound && Inferred(http) is { } inferred)
        {
            refusals.Add(inferred);
        }
        if (refusals.Count == 0)
        {
            return;
        }
        var route = $"{http.Request.Method} {http.Request.Path}";
        using var scope = scopes.CreateScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var (type, id) in refusals)
        {
            audit.Add(new AuditEntry(Action, type, id, $"refused: {route}", Outcome: AuditOutcome.Denied), http.User);
        }
        await scope.ServiceProvider.GetRequiredService<Data.AppDb>().SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The record a 404 on a route with an id was about: the first id in the route and the word before it.</summary>
    static (string Type, string Id)? Inferred(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return null;
        }
        string? literal = null;
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            if (segment.Parts is [RoutePatternParameterPart p] && http.Request.RouteValues.TryGetValue(p.Name, out var value) && value is not null)
            {
                return (RecordType(literal), Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            }
            if (segment.Parts is [RoutePatternLiteralPart l])
            {
                literal = l.Content;
            }
        }
        return null;
    }

    static string RecordType(string? segment) => segment switch
    {
        null => "record",
        "people" => "person",
        "case-reviews" => "asb-case-review",
        "powers" => "asb-power",
        "agencies" => "agency",
        _ when segment.EndsWith('s') => segment[..^1],
        _ => segment,
    };
}
