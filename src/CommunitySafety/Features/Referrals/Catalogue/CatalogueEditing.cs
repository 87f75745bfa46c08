using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Referrals.Rules;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Catalogue;

public sealed record ServiceChange(int Version, string? Name, string? Description, int? MonthlyCapacity, int? FirstContactWorkingDays, int? DeliveryWorkingDays,
    bool IsActive, IReadOnlyList<string> Deliverables, IReadOnlyList<EligibilityRuleData> Eligibility);

/// <summary>Changes to a service's terms. Versioned: a stale edit is a conflict. The eligibility rules are replaced as a whole.</summary>
public sealed class CatalogueEditing(AppDb db, AuditLog audit, Strands.StrandCatalogue strands)
{
    public async Task<OpResult> SaveAsync(ClaimsPrincipal user, int id, ServiceChange change, CancellationToken ct)
    {
        var s = await db.Set<CommissionedService>().Include(x => x.Deliverables).Include(x => x.Eligibility).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return OpResult.Missing;
        }
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(change.Name) || change.Name.Length > 200)
        {
            errors["Name"] = "Enter the service's name (200 characters or fewer)";
        }
        if (change.Description?.Length > 2000)
        {
            errors["Description"] = "Description must be 2,000 characters or fewer";
        }
        if (change.MonthlyCapacity is < 1 or > 10_000)
        {
            errors["MonthlyCapacity"] = "Capacity must be a whole number from 1 to 10,000, or empty for no limit";
        }
        if (change.FirstContactWorkingDays is not (>= 0 and <= 60))
        {
            errors["FirstContactWorkingDays"] = "Enter the first-contact target in working days, from 0 to 60";
        }
        if (change.DeliveryWorkingDays is < 0 or > 120 || (change.DeliveryWorkingDays is int d && change.FirstContactWorkingDays is int f && d < f))
        {
            errors["DeliveryWorkingDays"] = "The delivery target must be from the first-contact target up to 120 working days, or empty";
        }
        if (change.Deliverables.Count == 0 || change.Deliverables.Any(c => !Deliverables.IsKnown(c)))
        {
            errors["Deliverables"] = "Select what the service delivers from the list";
        }
        foreach (var rule in change.Eligibility)
        {
            var problem = !Enum.IsDefined(rule.Kind) ? "unknown kind of rule"
                : Eligibility.Invalid(rule) ?? (rule.Kind == EligibilityRuleKind.VictimOf && rule.Value.Split(',', StringSplitOptions.TrimEntries).Any(c => strands.IncidentCategory(c) is null)
                    ? "use incident category codes, for example CRIME-BURGLARY" : null);
            if (problem is not null)
            {
                errors["Eligibility"] = $"{rule.Kind} rule: {problem}";
                break;
            }
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        if (s.Version != change.Version)
        {
            return OpResult.Stale;
        }
        s.Name = change.Name!.Trim();
        s.Description = change.Description?.Trim() ?? "";
        s.MonthlyCapacity = change.MonthlyCapacity;
        s.FirstContactWorkingDays = change.FirstContactWorkingDays!.Value;
        s.DeliveryWorkingDays = change.DeliveryWorkingDays;
        s.IsActive = change.IsActive;
        s.Deliverables.RemoveAll(x => !change.Deliverables.Contains(x.Code));
        foreach (var code in change.Deliverables.Distinct().Where(c => s.Deliverables.All(x => x.Code != c)))
        {
            s.Deliverables.Add(new ServiceDeliverable { Code = code });
        }
        s.Eligibility.Clear();
        foreach (var rule in change.Eligibility)
        {
            s.Eligibility.Add(new ServiceEligibilityRule { Kind = rule.Kind, Value = rule.Value.Trim() });
        }
        db.Entry(s).Property(x => x.Version).IsModified = true;
        audit.Add(new AuditEntry(AuditActions.Change, "service", ReferralService.Id(id),
            $"service terms: capacity {change.MonthlyCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, first contact {change.FirstContactWorkingDays} WD, " +
            $"eligibility: {string.Join("; ", change.Eligibility.Select(r => Eligibility.Describe(r)))}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return OpResult.Stale;
        }
        return OpResult.Ok(id);
    }
}
