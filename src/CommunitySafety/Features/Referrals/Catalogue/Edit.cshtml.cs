using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Referrals.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Catalogue;

/// <summary>An administrator changes a service's deliverables, eligibility rules, capacity and target times.</summary>
[Authorize(Policy = ReferralPolicies.ServicesManage)]
public sealed class EditModel(AppDb db, CatalogueEditing editing, Strands.StrandCatalogue strands) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? MonthlyCapacity { get; set; }
        public string? FirstContactWorkingDays { get; set; }
        public string? DeliveryWorkingDays { get; set; }
        public bool IsActive { get; set; }
        public List<string> Deliverables { get; set; } = [];
        public string? AreaDistricts { get; set; }
        public List<string> VictimOf { get; set; } = [];
        public string? MinimumAge { get; set; }
        public string? RepeatVictimIncidents { get; set; }
    }

    public string Provider { get; private set; } = "";
    public IEnumerable<SelectListItem> DeliverableOptions => Catalogue.Deliverables.All.Select(d => new SelectListItem(d.Name, d.Code, Input.Deliverables.Contains(d.Code)));
    public IEnumerable<SelectListItem> CategoryOptions => strands.IncidentCategories.Select(c => new SelectListItem(c.Name, c.Code, Input.VictimOf.Contains(c.Code)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var s = await db.Set<CommissionedService>().AsNoTracking().Include(x => x.ProviderAgency).Include(x => x.Deliverables).Include(x => x.Eligibility).FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (s is null)
        {
            return NotFound();
        }
        Provider = s.ProviderAgency!.Name;
        string? Rule(EligibilityRuleKind kind) => s.Eligibility.FirstOrDefault(r => r.Kind == kind)?.Value;
        Input = new InputModel
        {
            Version = s.Version, Name = s.Name, Description = s.Description, IsActive = s.IsActive,
            MonthlyCapacity = s.MonthlyCapacity?.ToString(CultureInfo.InvariantCulture),
            FirstContactWorkingDays = s.FirstContactWorkingDays.ToString(CultureInfo.InvariantCulture),
            DeliveryWorkingDays = s.DeliveryWorkingDays?.ToString(CultureInfo.InvariantCulture),
            Deliverables = [.. s.Deliverables.Select(d => d.Code)],
            AreaDistricts = Rule(EligibilityRuleKind.Area),
            VictimOf = [.. (Rule(EligibilityRuleKind.VictimOf) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)],
            MinimumAge = Rule(EligibilityRuleKind.MinimumAge),
            RepeatVictimIncidents = Rule(EligibilityRuleKind.RepeatVictim),
        };
        return Page();
    }

    static int? Number(string? text, out bool bad)
    {
        bad = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        bad = true;
        return null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var capacity = Number(Input.MonthlyCapacity, out var badCapacity);
        var first = Number(Input.FirstContactWorkingDays, out var badFirst);
        var delivery = Number(Input.DeliveryWorkingDays, out var badDelivery);
        var rules = new List<EligibilityRuleData>();
        if (!string.IsNullOrWhiteSpace(Input.AreaDistricts))
        {
            rules.Add(new(EligibilityRuleKind.Area, Input.AreaDistricts.ToUpperInvariant()));
        }
        if (Input.VictimOf.Count > 0)
        {
            rules.Add(new(EligibilityRuleKind.VictimOf, string.Join(",", Input.VictimOf.Where(c => strands.IncidentCategory(c) is not null))));
        }
        if (!string.IsNullOrWhiteSpace(Input.MinimumAge))
        {
            rules.Add(new(EligibilityRuleKind.MinimumAge, Input.MinimumAge.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(Input.RepeatVictimIncidents))
        {
            rules.Add(new(EligibilityRuleKind.RepeatVictim, Input.RepeatVictimIncidents.Trim()));
        }
        var result = await editing.SaveAsync(User, Id, new ServiceChange(Input.Version, Input.Name, Input.Description,
            badCapacity ? -1 : capacity, badFirst ? -1 : first, badDelivery ? -1 : delivery, Input.IsActive, Input.Deliverables, rules), ct);
        switch (result.Outcome)
        {
            case Outcome.Done:
                TempData["Success"] = "Service changed.";
                return Redirect($"/services#service-{Id}");
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Conflict:
                ModelState.AddModelError("Input.Name", "Someone else changed this service after you opened it, so nothing was saved. Open it again to see their change.");
                break;
            default:
                foreach (var (key, message) in result.Errors)
                {
                    var field = key == "Eligibility" ? (message.StartsWith("MinimumAge", StringComparison.Ordinal) ? "MinimumAge"
                        : message.StartsWith("RepeatVictim", StringComparison.Ordinal) ? "RepeatVictimIncidents" : "AreaDistricts") : key;
                    ModelState.AddModelError("Input." + field, message);
                }
                break;
        }
        Provider = await db.Set<CommissionedService>().Where(s => s.Id == Id).Select(s => s.ProviderAgency!.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }
}
