using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

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
        services.AddScoped<CaseService>();
        services.AddScoped<People.PersonService>();
        services.AddScoped<Incidents.IncidentService>();
        services.AddSingleton<DocumentStore>();
        services.AddScoped<IDemoContributor, CasesDemoContributor>();
    }

    public sealed record CaseInput(string? Type, string? Title, string? Summary, List<int>? Partners);
    public sealed record CaseUpdate(int Version, string? Title, string? Summary, string? Status, string? ClosureReason, List<int>? Partners);
    public sealed record NoteInput(string? Text);

    public static void MapEndpoints(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").RequireAuthorization(Policies.CaseWork);

        cases.MapGet("", async (string? q, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var query = string.IsNullOrWhiteSpace(q) ? CaseAccess.Cases(db, user).AsNoTracking() : await CaseSearch.SearchAsync(db, user, q, ct);
            var rows = await query.OrderByDescending(c => c.Id).Take(200)
                .Select(c => new { c.Id, c.Reference, c.Type, c.Title, status = c.Status.ToString(), leadAgency = c.LeadAgency!.Name, risk = c.CurrentRiskBand.ToString(), c.NextReviewDate, c.Version })
                .ToListAsync(ct);
            if (!string.IsNullOrWhiteSpace(q))
            {
                await audit.WriteAsync(new AuditEntry(AuditActions.Search, "case", null, $"case search (api): {q.Trim()} ({rows.Count} results)"), ct);
            }
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

        cases.MapPost("", async (CaseInput input, AppDb db, CaseService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!CaseTypes.IsKnown(input.Type))
            {
                errors["type"] = [$"Type must be one of: {string.Join(", ", CaseTypes.All.Select(t => t.Code))}"];
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
            var c = await OpenModel.Create(db, service, user, input.Type!, input.Title!, input.Summary, partners.Where(p => p != lead), ct);
            return Results.Created($"/api/cases/{c.Id}", await Detail(db, user, c.Id, ct));
        });

        cases.MapPut("/{id:int}", async (int id, CaseUpdate input, AppDb db, CaseService service, ClaimsPrincipal user, CancellationToken ct) =>
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
                Partners = (input.Partners ?? []).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList(),
            };
            var errors = new ModelStateDictionary();
            if (string.IsNullOrWhiteSpace(edit.Title) || edit.Title.Length > 200)
            {
                errors.AddModelError("Input.Title", "Enter a title of 200 characters or fewer");
            }
            var result = await EditModel.Apply(db, service, user, c, input.Version, edit, errors, ct);
            return result switch
            {
                EditModel.SaveResult.Saved => Results.Ok(await Detail(db, user, id, ct)),
                // REL-CONC-01: the 409 carries the current version so the client can show it and retry.
                EditModel.SaveResult.Conflict => Results.Conflict(new { title = "The case was changed by someone else; nothing was saved.", current = await Detail(db, user, id, ct) }),
                _ => Results.ValidationProblem(errors.Where(e => e.Value!.Errors.Count > 0)
                    .ToDictionary(e => e.Key.Replace("Input.", "", StringComparison.Ordinal).ToLowerInvariant(), e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray())),
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

        cases.MapPost("/{id:int}/notes", async (int id, NoteInput input, AppDb db, CaseService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
            {
                return Results.NotFound();
            }
            if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > 20000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Enter the note (20,000 characters or fewer)"] });
            }
            var note = new CaseNote { CaseId = id, Text = input.Text.Trim(), AuthorUserId = user.UserId(), AuthorName = user.DisplayName(), AuthorAgencyId = user.AgencyId(), CreatedUtc = service.Now };
            db.Add(note);
            service.Changed(user, id, "note", "Note added");
            await db.SaveChangesAsync(ct);
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

        // CSV of the user's permitted open cases. Export is a disclosure (DPA 2018 s.62): a purpose is required and audited.
        app.MapGet("/cases/export", async (string? purpose, HttpContext http, AppDb db, AuditLog audit, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(purpose))
            {
                return Results.BadRequest("Give a purpose for the export (?purpose=...).");
            }
            var rows = await CaseAccess.Cases(db, http.User).AsNoTracking().Where(c => c.Status != CaseStatus.Closed).OrderBy(c => c.Reference)
                .Select(c => new { c.Reference, c.Type, c.Title, c.Status, Lead = c.LeadAgency!.Name, c.CurrentRiskBand, c.NextReviewDate }).ToListAsync(ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.Export, "case", null, $"{rows.Count} cases exported as CSV to {http.User.Identity?.Name}: {string.Join(",", rows.Select(r => r.Reference).Take(200))}", Purpose: purpose), ct);
            return Results.Stream(async body =>
            {
                await CsvExport.WriteAsync(http.Response, "cases.csv", ["Reference", "Type", "Title", "Status", "Lead agency", "Risk", "Next review"],
                    rows.Select(r => (IReadOnlyList<string?>)[r.Reference, r.Type, r.Title, CaseDisplay.Status(r.Status), r.Lead, r.CurrentRiskBand?.ToString(), r.NextReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]).ToAsyncEnumerable(), ct);
            }, "text/csv; charset=utf-8", "cases.csv");
        }).RequireAuthorization(Policies.CaseWork);
    }

    static async Task<object?> Detail(AppDb db, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, user).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.Reference, x.Type, x.Title, x.Summary, status = x.Status.ToString(), x.ClosureReason,
                leadAgency = new { x.LeadAgency!.Id, x.LeadAgency.Name }, x.LeadOfficerUserId,
                partners = x.Agencies.Select(a => new { a.AgencyId, a.Agency!.Name }).ToList(),
                people = x.People.Select(p => new { p.PersonId, p.Person!.Forename, p.Person.Surname, role = p.Role.ToString() }).ToList(),
                incidents = x.Incidents.Select(i => i.IncidentId).ToList(),
                risk = x.CurrentRiskBand.ToString(), x.NextReviewDate, x.OpenedUtc, x.Version,
            })
            .FirstOrDefaultAsync(ct);
        return c;
    }
}
