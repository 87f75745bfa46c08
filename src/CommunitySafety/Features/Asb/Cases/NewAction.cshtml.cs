using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Add an action to the case (by default on the victim action plan) with an owner, their agency and a due date.</summary>
public sealed class NewAsbActionModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, CaseWorkService work) : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter what needs to be done")]
        [StringLength(300, ErrorMessage = "Action must be 300 characters or fewer")]
        [Display(Name = "Action")]
        public string? Title { get; set; }

        [StringLength(4000, ErrorMessage = "Details must be 4,000 characters or fewer")]
        public string? Details { get; set; }

        [Required(ErrorMessage = "Choose who owns the action")]
        [Display(Name = "Owner")]
        public string? OwnerUserId { get; set; }

        [Required(ErrorMessage = "Enter the date the action is due")]
        [Display(Name = "Due date")]
        public DateOnly? DueDate { get; set; }

        public List<string> OnVictimActionPlan { get; set; } = [];
    }

    public List<SelectListItem> OwnerOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> PlanOptions => [new("Part of the victim action plan", "true", Input.OnVictimActionPlan.Contains("true"))];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        OwnerOptions = await CaseUsersAsync(c, null, ct);
        Input.OnVictimActionPlan = ["true"];
        await Audit.ViewedAsync("case", Id(id), "ASB add action form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        OwnerOptions = await CaseUsersAsync(c, Input.OwnerUserId, ct);
        if (Input.OwnerUserId is not null && (!Guid.TryParse(Input.OwnerUserId, out _) || !OwnerOptions.Any(o => o.Value == Input.OwnerUserId)))
        {
            ModelState.AddModelError("Input.OwnerUserId", "Choose an owner from a lead or partner agency on the case");
        }
        if (Input.DueDate is { } due && CaseAction.NewDueDateError(due, Today) is { } dueError)
        {
            ModelState.AddModelError("Input.DueDate", dueError);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var owner = Guid.Parse(Input.OwnerUserId!);
        var ownerAgency = await Db.Users.Where(u => u.Id == owner).Select(u => u.AgencyId).FirstAsync(ct);
        var action = await work.AddActionAsync(CaseActor.Of(User), c, new NewCaseAction(Input.Title!, ownerAgency, Input.DueDate)
        {
            OwnerUserId = owner,
            Details = Input.Details,
            Plan = Input.OnVictimActionPlan.Contains("true") ? AsbCaseSummary.VictimActionPlan : null,
            TimelineText = $"Action added: {Input.Title!.Trim()}",
        }, ct);
        TempData["Success"] = $"Action added: {action.Title}";
        return Redirect($"/asb/cases/{c.Id}");
    }
}
