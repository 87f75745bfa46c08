using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Errors;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Case services, the JSON API over the same data as the pages, and the two file endpoints (document
/// download, CSV export). Every endpoint starts from <see cref="CaseAccess"/>: a case outside the user's
/// agencies is 404 whether or not it exists.
/// </summary>
public static class CasesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<Strands.StrandCatalogue>();
        services.AddScoped<CaseService>();
        services.AddScoped<CaseWorkService>();
        services.AddScoped<CaseAlerts>();
        services.AddScoped<Risk.RiskAssessments>();
        services.AddScoped<Orders.OrderService>();
        services.AddScoped<People.PersonService>();
        services.AddScoped<People.MergeProposals>();
        services.AddScoped<People.PersonEditing>();
        services.AddScoped<People.PersonFlags>();
        services.AddScoped<CaseTeam>();
        services.AddScoped<Incidents.IncidentService>();
        services.AddSingleton<DocumentStore>();
        services.AddScoped<IDemoContributor, CasesDemoContributor>();
    }

    public sealed record CaseInput(string? Type, string? Title, string? Summary, List<int>? Partners);
    /// <summary>Body of PUT /api/cases/{id}. Partners null leaves them as they are (changing them needs the case-team rule).</summary>
    public sealed record CaseUpdate(int Version, string? Title, string? Summary, string? Status, string? ClosureReason, List<int>? Partners);
    public sealed record MemberInput(Guid UserId, string? Role);
    /// <summary>Body of PUT /api/cases/{id}/team. A null field is left as it is; a list replaces the current one.</summary>
    public sealed record TeamUpdate(int Version, Guid? LeadOfficerUserId, List<int>? Partners, List<MemberInput>? Members, string? Access = null);
    public sealed record NoteInput(string? Text);

    public static void MapEndpoints(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").RequireAuthorization(Policies.CaseWork);
        Risk.RiskApi.Map(cases);

        cases.MapGet("", async (string? q, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var query = string.IsNullOrWhiteSpace(q) ? CaseAccess.Cases(db, user).AsNoTracking() : await CaseSearch.SearchAsync(db, user, q, ct);
            var rows = await query.OrderByDescending(c => c.Id).Take(200)
                .Select(c => new { c.Id, c.Reference, c.Type, c.Title, status = c.Status.ToString(), leadAgency = c.LeadAgency!.Name, risk = c.CurrentRiskBand.ToString(), c.NextReviewDate, c.Version })
                .ToListAsync(ct);
            await audit.WriteAsync(string.IsNullOrWhiteSpace(q)
                ? new AuditEntry(AuditActions.View, "case-list", "api", $"case list (api): {rows.Count} row(s)")
                : new AuditEntry(AuditActions.Search, "case", null, $"case search (api): {q.Trim()} ({rows.Count} results)"), ct);
            return Results.Ok(rows);
        });

        cases.MapGet("/{id:int}", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await Detail(db, user, id, ct);
            if (c is null)
            {
                return Results.NotFound();
            }
            await audit.ViewedAsync("case", CaseService.Id(id), ct: ct);
            return Results.Ok(c);
        });

        cases.MapPost("", async (CaseInput input, AppDb db, CaseService service, Strands.StrandCatalogue strands, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!strands.IsCaseType(input.Type))
            {
                errors["type"] = [$"Type must be one of: {string.Join(", ", strands.CaseTypes.Select(t => t.Code))}"];
            }
            if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
            {
                errors["title"] = ["Enter a title of 200 characters or fewer"];
            }
            var partners = (input.Partners ?? []).Distinct().ToList();
            if (await db.Agencies.CountAsync(a => partners.Contains(a.Id) && a.IsActive, ct) != partners.Count)
            {
                errors["partners"] = ["Partners must be active agency ids"];
            }
            if (errors.Count > 0 || user.AgencyId() is not int lead)
            {
                return Results.ValidationProblem(errors);
            }
            var c = await service.OpenAsync(CaseActor.Of(user), new CaseOpening(input.Type!, input.Title!, input.Summary) { Partners = partners.Where(p => p != lead).ToList() }, ct);
            return Results.Created($"/api/cases/{c.Id}", await Detail(db, user, c.Id, ct));
        });

        cases.MapPut("/{id:int}", async (int id, CaseUpdate input, AppDb db, CaseWorkService work, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await CaseAccess.Cases(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return Results.NotFound();
            }
            var edit = new EditModel.CaseEdit
            {
                Title = input.Title,
                Summary = input.Summary,
                Status = input.Status,
                ClosureReason = input.ClosureReason,
                Partners = input.Partners?.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList(),
            };
            var errors = new ModelStateDictionary();
            if (string.IsNullOrWhiteSpace(edit.Title) || edit.Title.Length > 200)
            {
                errors.AddModelError("Input.Title", "Enter a title of 200 characters or fewer");
            }
            var result = await work.SaveDetailsAsync(user, c, input.Version, edit, errors, ct);
            return result switch
            {
                CaseEditResult.Saved => Results.Ok(await Detail(db, user, id, ct)),
                // REL-CONC-01: the 409 carries the current version so the client can show it and retry.
                CaseEditResult.Conflict => Results.Conflict(new { title = "The case was changed by someone else; nothing was saved.", current = await Detail(db, user, id, ct) }),
                _ => Results.ValidationProblem(errors.Where(e => e.Value!.Errors.Count > 0)
                    .ToDictionary(e => e.Key.Replace("Input.", "", StringComparison.Ordinal).ToLowerInvariant(), e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray())),
            };
        });

        // The case team: who leads, which partner agencies see the case, who else works it, and who could be chosen.
        cases.MapGet("/{id:int}/team", async (int id, AppDb db, CaseTeam team, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await CaseAccess.Cases(db, user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return Results.NotFound();
            }
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(id), "case team (api)"), ct);
            return Results.Ok(await TeamJsonAsync(db, team, user, c, ct));
        });

        // Only the lead agency's managers and the lead officer may change it (403 for others who see the case, 404 for
        // those who do not); a stale version gets 409 with the current team and nothing is saved.
        cases.MapPut("/{id:int}/team", async (int id, TeamUpdate input, AppDb db, CaseTeam team, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var members = new List<(Guid, CaseMemberRole)>();
            foreach (var m in input.Members ?? [])
            {
                if (!Enum.TryParse<CaseMemberRole>(m.Role, out var role) || role == CaseMemberRole.LeadOfficer)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["members"] = ["Each member's role must be CaseWorker or Supervisor"] });
                }
                members.Add((m.UserId, role));
            }
            CaseAccessLevel? access = null;
            if (input.Access is not null)
            {
                if (!Enum.TryParse<CaseAccessLevel>(input.Access, ignoreCase: true, out var level) || !Enum.IsDefined(level))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["access"] = ["Access must be AgencyWide or Restricted"] });
                }
                access = level;
            }
            var result = await team.SaveAsync(user, id, input.Version, new TeamChange(input.LeadOfficerUserId, input.Partners, input.Members is null ? null : members, access), ct);
            return result.Outcome switch
            {
                CaseTeam.Outcome.NotFound => Results.NotFound(),
                CaseTeam.Outcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: "Only the lead agency's managers or the case's lead officer can change the case team."),
                CaseTeam.Outcome.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value })),
                CaseTeam.Outcome.Conflict => Results.Conflict(new
                {
                    title = "The case was changed by someone else; nothing was saved.",
                    current = await TeamJsonAsync(db, team, user, await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == id, ct), ct),
                }),
                _ => Results.Ok(await TeamJsonAsync(db, team, user, await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == id, ct), ct)),
            };
        });

        cases.MapGet("/{id:int}/notes", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
            {
                return Results.NotFound();
            }
            var notes = await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == id).OrderByDescending(n => n.CreatedUtc)
                .Select(n => new { n.Id, n.Text, n.AuthorName, n.CreatedUtc }).ToListAsync(ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(id), "notes"), ct);
            return Results.Ok(notes);
        });

        cases.MapPost("/{id:int}/notes", async (int id, NoteInput input, AppDb db, CaseWorkService work, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
            {
                return Results.NotFound();
            }
            if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > 20000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Enter the note (20,000 characters or fewer)"] });
            }
            var note = await work.AddNoteAsync(CaseActor.Of(user), id, new NewCaseNote(input.Text), ct);
            return Results.Created($"/api/cases/{id}/notes", new { note.Id });
        });

        cases.MapGet("/{id:int}/actions", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
            {
                return Results.NotFound();
            }
            var actions = await db.Set<CaseAction>().AsNoTracking().Where(a => a.CaseId == id)
                .Select(a => new { a.Id, a.Title, a.OwnerUserId, a.AgencyId, a.DueDate, status = a.Status.ToString(), a.Version }).ToListAsync(ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(id), "actions"), ct);
            return Results.Ok(actions);
        });

        cases.MapGet("/{id:int}/documents", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
            {
                return Results.NotFound();
            }
            var docs = await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == id)
                .Select(d => new { d.Id, d.FileName, d.ContentType, d.SizeBytes, d.UploadedByName, d.UploadedUtc, href = $"/cases/{id}/documents/{d.Id}" }).ToListAsync(ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(id), "documents list"), ct);
            return Results.Ok(docs);
        });

        // Document download: only for users who can see the case; never rendered by the browser.
        app.MapGet("/cases/{id:int}/documents/{documentId:int}", async (int id, int documentId, HttpContext http, AppDb db, AuditLog audit, DocumentStore store, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, http.User, id, ct))
            {
                return Results.NotFound();
            }
            var doc = await db.Set<CaseDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.CaseId == id, ct);
            if (doc is null)
            {
                return Results.NotFound();
            }
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(id), $"document {doc.Id} downloaded: {doc.FileName}"), ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox";
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(store.Open(doc.StoredName), doc.ContentType, DocumentStore.SafeFileName(doc.FileName));
        }).RequireAuthorization(Policies.CaseWork);

        // CSV of the cases the user may see: open ones (open or under review) by default, or closed ones, or all.
        // Export is a disclosure (DPA 2018 s.62): a purpose is required and audited, and the file names what it holds.
        // Capped (DP-EXP-01): at most ExportRowLimit rows in a file and ExportsPerHour exports per user an hour.
        app.MapGet("/cases/export", async (string? purpose, string? status, HttpContext http, AppDb db, AuditLog audit, TimeProvider clock, ExportLimits limits, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(purpose))
            {
                return Results.BadRequest("Give a purpose for the export (?purpose=...).");
            }
            if (ExportScopes.Parse(status) is not { } scope)
            {
                return Results.BadRequest("Choose which cases to export: status=open, closed or all.");
            }
            var query = CaseAccess.Cases(db, http.User).AsNoTracking();
            query = scope switch
            {
                ExportScope.Open => query.Where(c => c.Status != CaseStatus.Closed),
                ExportScope.Closed => query.Where(c => c.Status == CaseStatus.Closed),
                _ => query,
            };
            var now = clock.GetUtcNow().UtcDateTime;
            var count = await query.CountAsync(ct);
            if (count > limits.RowLimit)
            {
                return limits.TooLarge(http, $"{count:N0} {ExportScopes.Describe(scope)}", "cases",
                    "Export fewer cases: open cases and closed cases can be exported on their own.");
            }
            if (await limits.StartAsync(http, now, ct) is { } refused)
            {
                return refused;
            }
            var rows = await query.OrderBy(c => c.Reference)
                .Select(c => new { c.Reference, c.Type, c.Title, c.Status, Lead = c.LeadAgency!.Name, c.CurrentRiskBand, c.NextReviewDate, c.ClosedUtc }).ToListAsync(ct);
            var fileName = $"cases-{ExportScopes.Name(scope)}-{UkTime.ToUk(now):yyyy-MM-dd}.csv";
            await audit.WriteAsync(new AuditEntry(AuditActions.Export, "case", null,
                $"{rows.Count} {ExportScopes.Describe(scope)} exported as CSV ({fileName}) to {http.User.Identity?.Name}: {string.Join(",", rows.Select(r => r.Reference).Take(200))}", Purpose: purpose), ct);
            // The first line says what the file holds, who exported it and when, so a copy found later explains itself.
            var described = ExportScopes.Describe(scope);
            var title = $"{char.ToUpperInvariant(described[0])}{described[1..]} you may see, exported by {http.User.DisplayName()} ({http.User.Identity?.Name}) on {UkTime.Format(now)}";
            return Results.Stream(async body =>
            {
                await CsvExport.WriteAsync(http.Response, fileName, ["Reference", "Type", "Title", "Status", "Lead agency", "Risk", "Next review", "Closed"],
                    rows.Select(r => (IReadOnlyList<string?>)[r.Reference, r.Type, r.Title, CaseDisplay.Status(r.Status), r.Lead, r.CurrentRiskBand?.ToString(),
                        r.NextReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.ClosedUtc is { } closed ? UkTime.ToUk(closed).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null]).ToAsyncEnumerable(),
                    ct, title);
            }, "text/csv; charset=utf-8", fileName);
        }).RequireAuthorization(Policies.CaseWork);
    }

    /// <summary>Which cases an export covers. Open means not closed (open or under review): the work in hand.</summary>
    public enum ExportScope
    {
        Open,
        Closed,
        All,
    }

    public static class ExportScopes
    {
        /// <summary>"open" (also when not given), "closed" or "all"; anything else is null.</summary>
        public static ExportScope? Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "open" => ExportScope.Open,
            "closed" => ExportScope.Closed,
            "all" => ExportScope.All,
            _ => null,
        };

        public static string Name(ExportScope scope) => scope.ToString().ToLowerInvariant();

        public static string Describe(ExportScope scope) => scope switch
        {
            ExportScope.Open => "open cases (open or under review)",
            ExportScope.Closed => "closed cases",
            _ => "all cases (open and closed)",
        };
    }

    static async Task<object> TeamJsonAsync(AppDb db, CaseTeam team, ClaimsPrincipal user, Case c, CancellationToken ct)
    {
        var picture = await team.PictureAsync(c.Id, ct);
        var agencies = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
        var leadCandidates = await team.CaseWorkersAsync([c.LeadAgencyId], ct);
        var memberCandidates = await team.CaseWorkersAsync([.. agencies, c.LeadAgencyId], ct);
        return new
        {
            caseId = c.Id,
            version = picture.Version,
            canChange = CaseAccess.CanManageTeam(user, c),
            access = picture.Access.ToString(),
            leadOfficer = picture.LeadOfficer is { } lo ? new { userId = lo.Id, name = lo.Name } : null,
            partners = picture.Partners.Select(p => new { agencyId = p.Id, name = p.Name }),
            members = picture.Members.Select(m => new { userId = m.Id, name = m.Name, agency = m.Agency, role = m.Role.ToString() }),
            leadOfficerCandidates = leadCandidates.Select(w => new { userId = w.Id, name = w.Name }),
            memberCandidates = memberCandidates.Select(w => new { userId = w.Id, name = w.Name, agency = w.Agency }),
        };
    }

    static async Task<object?> Detail(AppDb db, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var visiblePeople = CaseAccess.People(db, user).Select(p => p.Id);
        var visibleIncidents = CaseAccess.Incidents(db, user).Select(i => i.Id);
        var c = await CaseAccess.Cases(db, user).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.Reference, x.Type, x.Title, x.Summary, status = x.Status.ToString(), x.ClosureReason, access = x.AccessLevel.ToString(),
                leadAgency = new { x.LeadAgency!.Id, x.LeadAgency.Name }, x.LeadOfficerUserId,
                members = x.Members.Select(m => new { m.UserId, role = m.Role.ToString() }).ToList(),
                partners = x.Agencies.Select(a => new { a.AgencyId, a.Agency!.Name }).ToList(),
                // A linked person or incident outside need to know is a signpost: who holds it, nothing of it (CaseAccess).
                people = x.People.Select(p => visiblePeople.Contains(p.PersonId)
                    ? new { personId = (int?)p.PersonId, forename = (string?)p.Person!.Forename, surname = (string?)p.Person.Surname, role = p.Role.ToString(), heldBy = (string?)null }
                    : new { personId = (int?)null, forename = (string?)null, surname = (string?)null, role = p.Role.ToString(), heldBy = (string?)p.Person!.CreatedByAgency!.Name }).ToList(),
                incidents = x.Incidents.Where(i => visibleIncidents.Contains(i.IncidentId)).Select(i => i.IncidentId).ToList(),
                incidentsHeldElsewhere = x.Incidents.Where(i => !visibleIncidents.Contains(i.IncidentId)).Select(i => i.Incident!.ReportingAgency!.Name).ToList(),
                risk = x.CurrentRiskBand.ToString(), x.NextReviewDate, x.OpenedUtc, x.Version,
            })
            .FirstOrDefaultAsync(ct);
        return c;
    }
}
