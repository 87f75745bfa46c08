using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Orders;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// Record a 2014 Act power on a case: a core order of the power's type (<see cref="AsbOrderTypes"/>), checked by the
/// core's <see cref="OrderService"/> with the ASB strand's rules (<see cref="PowerRules"/>) against the case's earlier
/// orders; the rule violations are shown as GOV.UK errors. A blank expiry takes the default (<see cref="PowerRules.DefaultExpiry"/>).
/// </summary>
public sealed class NewAsbPowerModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, OrderService orders)
    : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Power { get; set; }
        public string? SubjectKind { get; set; }
        public int? SubjectPersonId { get; set; }
        public string? SubjectDescription { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public string? IssuedAt { get; set; }
        public DateOnly? ExpiresOn { get; set; }
        public string? ExpiresAt { get; set; }
        public List<string> SeniorAuthorisation { get; set; } = [];
        public DateOnly? CourtHearingOn { get; set; }
        public string? CourtHearingAt { get; set; }
        public int? ExtendsPowerUseId { get; set; }
        public string? AuthorisedBy { get; set; }
        public string? Notes { get; set; }
    }

    public List<SelectListItem> PersonOptions { get; private set; } = [];
    public List<SelectListItem> ExtendOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> PowerOptions =>
        Enum.GetValues<AsbPower>().Select(p => new SelectListItem(AsbCaseSummary.PowerName(p), p.ToString(), Input.Power == p.ToString()));

    public IEnumerable<SelectListItem> KindOptions =>
    [
        new("A person on the case", nameof(PowerSubjectKind.Person)),
        new("A body (business or organisation)", nameof(PowerSubjectKind.Body)),
        new("Premises", nameof(PowerSubjectKind.Premises)),
        new("A public area", nameof(PowerSubjectKind.Area)),
    ];

    public IEnumerable<SelectListItem> SeniorOptions => [new("Authorised by a superintendent or a council chief executive's delegate (closure notice up to 48 hours)", "true")];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is null)
        {
            return NotFound();
        }
        await LoadOptionsAsync(ct);
        await Audit.ViewedAsync("case", Id(id), "ASB record a power form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        await LoadOptionsAsync(ct);
        var i = Input;
        AsbPower power = default;
        PowerSubjectKind kind = default;
        if (string.IsNullOrEmpty(i.Power) || !Enum.TryParse(i.Power, out power) || !Enum.IsDefined(power))
        {
            ModelState.AddModelError("Input.Power", "Select the power used");
        }
        if (string.IsNullOrEmpty(i.SubjectKind) || !Enum.TryParse(i.SubjectKind, out kind) || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("Input.SubjectKind", "Select who or what the power is used against");
        }
        else if (kind == PowerSubjectKind.Person)
        {
            if (i.SubjectPersonId is not { } pid || !PersonOptions.Any(o => o.Value == pid.ToString(CultureInfo.InvariantCulture)))
            {
                ModelState.AddModelError("Input.SubjectPersonId", "Select the person from those on the case");
            }
        }
        else if (string.IsNullOrWhiteSpace(i.SubjectDescription))
        {
            ModelState.AddModelError("Input.SubjectDescription", "Enter the name of the body, the premises address or the area");
        }
        if (i.IssuedOn is null && (ModelState["Input.IssuedOn"]?.Errors.Count ?? 0) == 0)
        {
            ModelState.AddModelError("Input.IssuedOn", "Enter the date the power was issued");
        }
        else if (i.IssuedOn > Today)
        {
            ModelState.AddModelError("Input.IssuedOn", "Date issued must be today or in the past");
        }
        var issuedAt = Time(i.IssuedAt, "Input.IssuedAt", "Time issued");
        // Powers measured in hours run from the moment they were served: their expiry cannot be worked out from a date.
        if (issuedAt is null && string.IsNullOrWhiteSpace(i.IssuedAt) && power is AsbPower.ClosureNotice or AsbPower.DispersalDirection
            && (ModelState["Input.Power"]?.Errors.Count ?? 0) == 0)
        {
            ModelState.AddModelError("Input.IssuedAt", $"Enter the time the {AsbCaseSummary.PowerName(power).ToLowerInvariant()} was given: it lasts a number of hours from then");
        }
        var expiresAt = Time(i.ExpiresAt, "Input.ExpiresAt", "Expiry time");
        var hearingAt = Time(i.CourtHearingAt, "Input.CourtHearingAt", "Court hearing time");
        if (string.IsNullOrWhiteSpace(i.AuthorisedBy))
        {
            ModelState.AddModelError("Input.AuthorisedBy", "Enter who authorised the power (name and rank or role)");
        }
        if (i.ExtendsPowerUseId is { } ext && !ExtendOptions.Any(o => o.Value == ext.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.ExtendsPowerUseId", "Select the closure order being extended from the list");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var subjectPerson = kind == PowerSubjectKind.Person
            ? await Db.Set<People.Person>().AsNoTracking().FirstAsync(p => p.Id == i.SubjectPersonId, ct)
            : null;
        var order = new Order
        {
            TypeCode = AsbOrderTypes.CodeOf(power),
            SubjectKind = (OrderSubjectKind)(int)kind,
            SubjectPersonId = subjectPerson?.Id,
            SubjectDescription = subjectPerson?.FullName ?? i.SubjectDescription!.Trim(),
            // No invented times: a date given alone is the start of that day, and shown as a date.
            IssuedUtc = AsbTime.UkToUtc(i.IssuedOn!.Value, issuedAt ?? TimeOnly.MinValue),
            IssuedTimeKnown = issuedAt is not null,
            SeniorAuthorisation = i.SeniorAuthorisation.Contains("true"),
            CourtHearingUtc = i.CourtHearingOn is { } h ? AsbTime.UkToUtc(h, hearingAt ?? TimeOnly.MinValue) : null,
            CourtHearingTimeKnown = hearingAt is not null,
            ExtendsOrderId = i.ExtendsPowerUseId,
            AuthorisedBy = i.AuthorisedBy!.Trim(),
            IssuingAgencyId = User.AgencyId()!.Value,
            Notes = string.IsNullOrWhiteSpace(i.Notes) ? null : i.Notes.Trim(),
        };
        if (i.ExpiresOn is { } e)
        {
            order.ExpiresUtc = AsbTime.UkToUtc(e, expiresAt ?? TimeOnly.FromDateTime(AsbTime.ToUk(order.IssuedUtc)));
            order.ExpiresTimeKnown = expiresAt is not null;
        }
        else
        {
            // A default expiry runs from the issue, so its time is known exactly when the is.
            order.ExpiresTimeKnown = issuedAt is not null;
        }
        var violations = await orders.RecordAsync(User, c, order, subjectPerson?.DateOfBirth, defaultExpiry: true, ct);
        if (violations.Count > 0)
        {
            foreach (var v in violations)
            {
                ModelState.AddModelError(FieldFor(v.Code), v.Message);
            }
            return Page();
        }
        TempData["Success"] = $"{AsbCaseSummary.PowerName(power)} recorded" + (order.ExpiresUtc is { } x ? $"; it expires {UkTime.Format(x, order.ExpiresTimeKnown)}." : ".");
        return Redirect($"/asb/cases/{c.Id}");
    }

    static string FieldFor(string code) => code switch
    {
        "ExceedsMaximum" or "EndDateRequired" or "YouthEndDateRequired" or "BelowMinimumTerm" or "ExpiryBeforeIssue" => "Input.ExpiresOn",
        "HearingRequired" or "HearingOutsideWindow" => "Input.CourtHearingOn",
        "UnderMinimumAge" or "DateOfBirthUnknown" => "Input.SubjectPersonId",
        "WrongSubjectKind" => "Input.SubjectKind",
        "ExtendedOrderNotFound" or "ExtensionCycle" => "Input.ExtendsPowerUseId",
        _ => "Input.Power",
    };

    TimeOnly? Time(string? value, string key, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (TimeOnly.TryParseExact(value.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }
        ModelState.AddModelError(key, $"{name} must be a time in 24-hour format, like 14:30");
        return null;
    }

    async Task LoadOptionsAsync(CancellationToken ct)
    {
        var onCase = await Db.Set<CasePerson>().AsNoTracking().Where(p => CaseAccess.People(Db, User).Any(x => x.Id == p.PersonId) && p.CaseId == Case!.Id)
            .Select(p => new { p.PersonId, p.Person!.Forename, p.Person.Surname, p.Role }).Distinct().ToListAsync(ct);
        PersonOptions = onCase.Select(p => new SelectListItem($"{p.Forename} {p.Surname} ({CaseDisplay.Role(p.Role).ToLowerInvariant()})",
            p.PersonId.ToString(CultureInfo.InvariantCulture))).ToList();
        PersonOptions.Insert(0, new SelectListItem("Choose a person", ""));
        var closureOrder = AsbOrderTypes.CodeOf(AsbPower.ClosureOrder);
        var closures = await Db.Set<Order>().AsNoTracking().Where(p => p.CaseId == Case!.Id && p.TypeCode == closureOrder)
            .Select(p => new { p.Id, p.SubjectDescription, p.IssuedUtc, p.IssuedTimeKnown }).ToListAsync(ct);
        ExtendOptions = [new SelectListItem("Not an extension", ""), .. closures.Select(o => new SelectListItem($"Closure order on {o.SubjectDescription}, made {UkTime.Format(o.IssuedUtc, o.IssuedTimeKnown)}", o.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
