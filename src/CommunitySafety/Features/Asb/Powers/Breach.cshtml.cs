using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Orders;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Record a breach of a power (a CPN breach is an offence; an injunction breach, contempt of court).</summary>
public sealed class NewAsbBreachModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, OrderService orders) : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the date of the breach")]
        [Display(Name = "Date of the breach")]
        public DateOnly? OccurredOn { get; set; }

        [Required(ErrorMessage = "Enter what happened")]
        [StringLength(4000, ErrorMessage = "What happened must be 4,000 characters or fewer")]
        public string? Details { get; set; }
    }

    public Order? PowerUse { get; private set; }

    public AsbPower Power => AsbOrderTypes.PowerOf(PowerUse!.TypeCode)!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await Audit.ViewedAsync("order", Id(id), "Record a breach form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Input.OccurredOn > Today)
        {
            ModelState.AddModelError("Input.OccurredOn", "Date of the breach must be today or in the past");
        }
        else if (Input.OccurredOn is { } on && on < DateOnly.FromDateTime(AsbTime.ToUk(PowerUse!.IssuedUtc)))
        {
            ModelState.AddModelError("Input.OccurredOn", "Date of the breach must be on or after the date the power was issued");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await orders.RecordBreachAsync(User, PowerUse!, Input.OccurredOn!.Value, Input.Details!, ct);
        TempData["Success"] = "Breach recorded.";
        return Redirect($"/asb/cases/{PowerUse!.CaseId}");
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        PowerUse = await Db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && AsbOrderTypes.AllCodes.Contains(p.TypeCode), ct);
        return PowerUse is not null && await LoadCaseAsync(PowerUse.CaseId, ct) is not null;
    }
}
