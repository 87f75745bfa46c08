using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.People;

/// <summary>
/// Changes a person's details: names and other names, date of birth, gender, contact details, address history and
/// flags. Only users who may see the person in full may open it (others: not found). The form carries the version it
/// was read at; if someone saved the person since, nothing is written and the page shows both versions side by side
/// with the user's changes still in the form, laid over the current record, so nothing typed is lost.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class EditModel(PersonEditing editing, AuditLog audit) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public PersonEdit Input { get; set; } = new();

    /// <summary>The details as they were when the form was filled (hidden fields), so a conflict keeps only what the user changed.</summary>
    [BindProperty]
    public PersonEdit Read { get; set; } = new();

    public string Name { get; private set; } = "";
    public IReadOnlyList<(string Key, string Value)>? Yours { get; private set; }
    public IReadOnlyList<(string Key, string Value)>? Theirs { get; private set; }

    public IEnumerable<SelectListItem> FlagOptions(string? selected) =>
        [new SelectListItem("Choose a flag", ""), .. PersonFlagTypes.All.Select(t => new SelectListItem(PersonFlagTypes.Display(t), t, t == selected))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await editing.LoadAsync(User, Id, tracked: false, ct);
        if (person is null)
        {
            return NotFound();
        }
        Name = person.FullName;
        Version = person.Version;
        Input = PersonEdit.From(person);
        Read = PersonEdit.From(person);
        AddBlankRows();
        // The form shows the whole record, so opening it is a view of personal data.
        await audit.ViewedAsync("person", CaseService.Id(Id), "opened to change their details", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = await editing.LoadAsync(User, Id, tracked: false, ct);
        if (person is null)
        {
            return NotFound();
        }
        Name = person.FullName;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await editing.SaveAsync(User, Id, Version, Input, ct);
        switch (result.Outcome)
        {
            case PersonEditing.Outcome.NotFound:
                return NotFound();
            case PersonEditing.Outcome.Saved:
                TempData["Success"] = "Changes saved.";
                return Redirect($"/people/{Id}");
            case PersonEditing.Outcome.NoChange:
                TempData["Success"] = "Nothing was changed.";
                return Redirect($"/people/{Id}");
            case PersonEditing.Outcome.Invalid:
                foreach (var (key, message) in result.Errors)
                {
                    ModelState.AddModelError("Input." + key, message);
                }
                return Page();
            default:
                var current = (await editing.LoadAsync(User, Id, tracked: false, ct))!;
                Yours = Input.Summary();
                Theirs = PersonEdit.From(current).Summary();
                Input = Input.OverCurrent(current, Read);
                Read = PersonEdit.From(current);
                // The form now carries the current version, so saving again (after checking) applies the user's changes.
                Version = current.Version;
                Name = current.FullName;
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, "Someone else changed this person's details while you were editing them. Your changes have not been saved yet: compare them with the current version below, then save again or go back.");
                AddBlankRows();
                return Page();
        }
    }

    // One empty row of each kind, so a name, address or flag can be added in the same save.
    void AddBlankRows()
    {
        if (Input.Aliases.Count == 0 || Input.Aliases[^1].Id is not null)
        {
            Input.Aliases.Add(new PersonEdit.AliasRow());
        }
        if (Input.Addresses.Count == 0 || Input.Addresses[^1].Id is not null)
        {
            Input.Addresses.Add(new PersonEdit.AddressRow());
        }
        if (Input.Flags.Count == 0 || Input.Flags[^1].Id is not null)
        {
            Input.Flags.Add(new PersonEdit.FlagRow());
        }
    }
}
