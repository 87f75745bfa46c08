using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Accounts;

/// <summary>
/// Add or change a user. Any change to what a user may do (roles, agency, disabling) ends their
/// sessions at once, so it takes effect on their next request (SEC-SESS-03).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class EditUserModel(AppDb db, UserManager<AppUser> users, AuditLog audit, SessionRevoker revoker, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? ConcurrencyStamp { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> AgencyOptions { get; private set; } = [];
    public int ActiveSessions { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool LockedOut { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the user's full name")]
        [StringLength(200, ErrorMessage = "Full name must be 200 characters or fewer")]
        [Display(Name = "Full name")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Enter the user's email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [Display(Name = "Email address")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Select the user's agency")]
        [Display(Name = "Agency")]
        public string? AgencyId { get; set; }

        [Display(Name = "Roles")]
        public List<string> Roles { get; set; } = [];

        [Display(Name = "Initial password")]
        public string? Password { get; set; }

        public bool Disabled { get; set; }
    }

    public IEnumerable<SelectListItem> RoleOptions =>
        Accounts.Roles.All.Select(r => new SelectListItem($"{Accounts.Roles.Display(r)} – {Accounts.Roles.Describe(r)}", r, Input.Roles.Contains(r)));

    public IEnumerable<SelectListItem> DisabledOptions => [new SelectListItem("Disabled: the user cannot sign in and their sessions end", "true", Input.Disabled)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            var user = await users.FindByIdAsync(Id.Value.ToString());
            if (user is null)
            {
                return NotFound();
            }
            Input = new InputModel
            {
                DisplayName = user.DisplayName,
                Email = user.Email,
                AgencyId = user.AgencyId.ToString(CultureInfo.InvariantCulture),
                Roles = [.. await users.GetRolesAsync(user)],
                Disabled = user.IsDisabled,
            };
            ConcurrencyStamp = user.ConcurrencyStamp;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agencyId = int.TryParse(Input.AgencyId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) &&
            await db.Agencies.AnyAsync(x => x.Id == a, ct) ? a : (int?)null;
        if (Input.AgencyId is not null && agencyId is null)
        {
            ModelState.AddModelError("Input.AgencyId", "Select the user's agency");
        }
        if (Input.Roles.Count == 0 || Input.Roles.Any(r => !Accounts.Roles.IsKnown(r)))
        {
            ModelState.AddModelError("Input.Roles", "Select at least one role");
        }
        if (Id is null && CommonPasswordValidator.Check(Input.Password, Input.Email, Input.Email) is { } problem)
        {
            ModelState.AddModelError("Input.Password", problem);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var email = Input.Email!.Trim();
        AppUser user;
        IList<string> previousRoles = [];
        string? before = null;
        if (Id is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        }
        else
        {
            user = await users.FindByIdAsync(Id.Value.ToString()) ?? throw new BadHttpRequestException("User not found", 404);
            if (user.ConcurrencyStamp != ConcurrencyStamp)
            {
                ModelState.AddModelError(string.Empty, "Someone else changed this user while you were editing. The form now shows their version: check it and save again.");
                return await OnGetAsync(ct);
            }
            previousRoles = await users.GetRolesAsync(user);
            before = $"{user.DisplayName}; {user.Email}; agency {user.AgencyId}; disabled={user.IsDisabled}";
        }
        var accessChanged = Id is not null && (user.AgencyId != agencyId || user.IsDisabled != Input.Disabled ||
            !previousRoles.OrderBy(r => r).SequenceEqual(Input.Roles.OrderBy(r => r)));
        user.DisplayName = Input.DisplayName!.Trim();
        user.Email = email;
        user.UserName = email;
        user.AgencyId = agencyId!.Value;
        user.IsDisabled = Id is not null && Input.Disabled;

        var saved = Id is null ? await users.CreateAsync(user, Input.Password!) : await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            foreach (var error in saved.Errors)
            {
                var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                    : error.Code == "ConcurrencyFailure" ? string.Empty : string.Empty;
                ModelState.AddModelError(field, error.Code is "DuplicateEmail" or "DuplicateUserName" ? "A user with this email address already exists" : error.Description);
            }
            await LoadAsync(ct);
            return Page();
        }
        var removed = previousRoles.Except(Input.Roles).ToList();
        var added = Input.Roles.Except(previousRoles).ToList();
        if (removed.Count > 0) { await users.RemoveFromRolesAsync(user, removed); }
        if (added.Count > 0) { await users.AddToRolesAsync(user, added); }
        if (accessChanged)
        {
            await users.UpdateSecurityStampAsync(user);
            await revoker.RevokeAllAsync(user.Id, user.IsDisabled ? "user disabled" : "access changed", ct);
        }

        var id = user.Id.ToString();
        if (Id is null)
        {
            audit.Add(new AuditEntry(AuditActions.UserCreated, "user", id, $"{user.DisplayName}; {user.Email}; agency {user.AgencyId}; roles {string.Join(",", Input.Roles)}"));
        }
        else
        {
            audit.Add(new AuditEntry(AuditActions.UserChanged, "user", id, $"from: {before} to: {user.DisplayName}; {user.Email}; agency {user.AgencyId}; disabled={user.IsDisabled}"));
            if (removed.Count > 0 || added.Count > 0)
            {
                audit.Add(new AuditEntry(AuditActions.UserRolesChanged, "user", id, $"added: {string.Join(",", added)}; removed: {string.Join(",", removed)}"));
            }
            if (before is not null && user.IsDisabled != before.EndsWith("disabled=True", StringComparison.Ordinal))
            {
                audit.Add(new AuditEntry(user.IsDisabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "user", id));
            }
        }
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{user.DisplayName} saved." + (accessChanged ? " Their sessions were ended so the change applies at once." : "");
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (Id is null || await users.FindByIdAsync(Id.Value.ToString()) is not { } user)
        {
            return NotFound();
        }
        var count = await revoker.RevokeAllAsync(user.Id, "ended by administrator", ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.SessionRevoked, "user", user.Id.ToString(), $"{count} session(s) ended by an administrator"), ct);
        TempData["Success"] = $"Ended {count} session{(count == 1 ? "" : "s")} for {user.DisplayName}.";
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        if (Id is null || await users.FindByIdAsync(Id.Value.ToString()) is not { } user)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(new AuditEntry(AuditActions.UserChanged, "user", user.Id.ToString(), "Unlocked by an administrator"), ct);
        TempData["Success"] = $"{user.DisplayName} can sign in again.";
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        if (Id is null || await users.FindByIdAsync(Id.Value.ToString()) is not { } user)
        {
            return NotFound();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await revoker.RevokeAllAsync(user.Id, "two-factor reset", ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.UserChanged, "user", user.Id.ToString(), "Two-factor sign-in reset by an administrator"), ct);
        TempData["Success"] = $"{user.DisplayName} will set up two-factor sign-in again at their next sign-in.";
        return Redirect("/admin/users");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        AgencyOptions = [new SelectListItem("Select an agency", ""), .. await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture), false)).ToListAsync(ct)];
        foreach (var o in AgencyOptions) { o.Selected = o.Value == Input.AgencyId; }
        if (Id is not null && await users.FindByIdAsync(Id.Value.ToString()) is { } user)
        {
            ActiveSessions = await db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedUtc == null, ct);
            TwoFactorEnabled = user.TwoFactorEnabled;
            LockedOut = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        }
    }
}
