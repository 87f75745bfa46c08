using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.DomesticAbuse.Idva.Orders;

/// <summary>
/// A DA case's protective orders (DVPN, DVPO, non-molestation, occupation) with their expiry and breaches, and the
/// forms to record an order (checked by <see cref="DaOrderRules"/>) and a breach. Only users who may see the case reach it.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DaOrdersModel(AppDb db, DaOrderRecording recording, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public BreachInput Breach { get; set; } = new();

    public sealed class InputModel
    {
        public string? Type { get; set; }
        public int? SubjectPersonId { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public string? IssuedAt { get; set; }
        public DateOnly? LastDayInForce { get; set; }
        public List<string> SuperintendentAuthorised { get; set; } = [];
        public string? AuthorisedBy { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class BreachInput
    {
        public int? OrderId { get; set; }
        public DateOnly? OccurredOn { get; set; }
        public string? Details { get; set; }
    }

    public Case? Case { get; private set; }
    public IReadOnlyList<DaOrderRow> Orders { get; private set; } = [];
    public List<SelectListItem> SubjectOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> TypeOptions =>
        [new("Choose an order", ""), .. DaOrderTypes.Kinds.Select(k => new SelectListItem(DaOrderTypes.TitleOf(k), k.ToString(), Input.Type == k.ToString()))];

    public IEnumerable<SelectListItem> SuperintendentOptions => [new("Authorised by an officer of superintendent rank or above (needed for a DVPN)", "true")];

    public IEnumerable<SelectListItem> BreachOrderOptions =>
        [new("Choose the order breached", ""), .. Orders.Select(o => new SelectListItem($"{o.Name}, {o.Subject}, made {UkTime.FormatDate(o.IssuedUtc)}", o.Id.ToString(CultureInfo.InvariantCulture)))];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("case", CaseService.Id(id), "Domestic abuse orders", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var i = Input;
        var (errors, order) = await recording.RecordAsync(User, Case!, new DaOrderInput(i.Type, i.SubjectPersonId, i.IssuedOn, i.IssuedAt, i.LastDayInForce,
            i.SuperintendentAuthorised.Contains("true"), i.AuthorisedBy, i.Notes), ct);
        // A date the binder could not read keeps its own message; the rest come from the recording.
        foreach (var (field, message) in errors)
        {
            var key = "Input." + char.ToUpperInvariant(field[0]) + field[1..];
            if ((ModelState[key]?.Errors.Count ?? 0) == 0)
            {
                ModelState.AddModelError(key, message);
            }
        }
        if (order is null)
        {
            return Page();
        }
        TempData["Success"] = $"{DaOrderTypes.TitleOf(DaOrderTypes.KindOf(order.TypeCode)!.Value)} recorded" +
            (order.ExpiresUtc is { } x ? $"; it ends {UkTime.Format(x)}." : "; it has no fixed end.");
        return Redirect($"/domestic-abuse/cases/{id}/orders");
    }

    public async Task<IActionResult> OnPostBreachAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Breach.OrderId is not { } orderId || Orders.All(o => o.Id != orderId))
        {
            ModelState.AddModelError("Breach.OrderId", "Choose the order that was breached");
            return Page();
        }
        var errors = await recording.RecordBreachAsync(User, id, orderId, Breach.OccurredOn, Breach.Details, ct);
        foreach (var (field, message) in errors ?? [])
        {
            var key = "Breach." + char.ToUpperInvariant(field[0]) + field[1..];
            if ((ModelState[key]?.Errors.Count ?? 0) == 0)
            {
                ModelState.AddModelError(key, message);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        TempData["Success"] = "Breach recorded.";
        return Redirect($"/domestic-abuse/cases/{id}/orders");
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Case = await DaCases.FindAsync(db, User, id, ct);
        if (Case is null)
        {
            return false;
        }
        Orders = await recording.ListAsync(id, ct);
        var subjects = await recording.SubjectsAsync(User, id, ct);
        SubjectOptions = [new("Choose a person", ""), .. subjects.Select(s => new SelectListItem(s.Label, s.Id.ToString(CultureInfo.InvariantCulture), s.Id == Input.SubjectPersonId))];
        return true;
    }
}
