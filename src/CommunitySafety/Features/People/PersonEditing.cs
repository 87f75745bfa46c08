using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>
/// A change to a person's details, as posted by the edit page or sent to <c>PUT /api/people/{id}</c>.
/// Names, date of birth, gender and contact details replace the current values. Other names, addresses and flags
/// are rows: a row with an <c>Id</c> changes that row (or removes or ends it), a row without one is added, and rows
/// not mentioned are left alone, so a partner's new address or flag is never dropped by someone else's save.
/// </summary>
public sealed class PersonEdit
{
    public string? Forename { get; set; }
    public string? MiddleNames { get; set; }
    public string? Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<AliasRow> Aliases { get; set; } = [];
    public List<AddressRow> Addresses { get; set; } = [];
    public List<FlagRow> Flags { get; set; } = [];

    /// <summary>Another name. Remove: the name was recorded in error or is no longer needed.</summary>
    public sealed class AliasRow
    {
        public int? Id { get; set; }
        [Display(Name = "First name")]
        public string? Forename { get; set; }
        [Display(Name = "Last name")]
        public string? Surname { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>
    /// An address in the person's history. The text of an existing address cannot be changed here, because the same
    /// place can be linked to other people and incidents: remove it and add the right one instead.
    /// </summary>
    public sealed class AddressRow
    {
        public int? Id { get; set; }
        [Display(Name = "Address line 1")]
        public string? Line1 { get; set; }
        public string? Line2 { get; set; }
        public string? Town { get; set; }
        public string? Postcode { get; set; }
        [Display(Name = "Date they moved in")]
        public DateOnly? From { get; set; }
        [Display(Name = "Date they moved out")]
        public DateOnly? To { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>A flag. Existing flags can only be ended (their type and reason are history); new ones need a reason.</summary>
    public sealed class FlagRow
    {
        public int? Id { get; set; }
        public string? Type { get; set; }
        public string? Reason { get; set; }
        public bool End { get; set; }
    }

    /// <summary>The form as it would be filled from the record now (active flags only).</summary>
    public static PersonEdit From(Person p) => new()
    {
        Forename = p.Forename,
        MiddleNames = p.MiddleNames,
        Surname = p.Surname,
        DateOfBirth = p.DateOfBirth,
        Gender = p.Gender,
        Phone = p.Phone,
        Email = p.Email,
        Aliases = p.Aliases.OrderBy(a => a.Id).Select(a => new AliasRow { Id = a.Id, Forename = a.Forename, Surname = a.Surname }).ToList(),
        Addresses = p.Addresses.OrderBy(a => a.ToDate != null).ThenByDescending(a => a.FromDate).ThenByDescending(a => a.Id)
            .Select(a => new AddressRow { Id = a.Id, Line1 = a.Place!.Line1, Line2 = a.Place.Line2, Town = a.Place.Town, Postcode = a.Place.Postcode, From = a.FromDate, To = a.ToDate }).ToList(),
        Flags = p.Flags.Where(f => f.Active).OrderBy(f => f.Id).Select(f => new FlagRow { Id = f.Id, Type = f.Type, Reason = f.Reason }).ToList(),
    };

    /// <summary>
    /// After a conflict: the user's edit laid over the record as it is now. A detail the user changed from what they
    /// read (<paramref name="read"/>) stays as they typed it; one they left alone takes the current value, so the other
    /// person's change to it is not undone. Rows keep their remove/end ticks and dates where the row still exists; rows
    /// someone else removed drop out and rows someone else added appear; new rows the user typed are kept.
    /// </summary>
    public PersonEdit OverCurrent(Person current, PersonEdit? read)
    {
        var now = From(current);
        string? Pick(Func<PersonEdit, string?> field) =>
            read is not null && string.Equals(Norm(field(this)), Norm(field(read)), StringComparison.Ordinal) ? field(now) : field(this);
        return new PersonEdit
        {
            Forename = Pick(e => e.Forename),
            MiddleNames = Pick(e => e.MiddleNames),
            Surname = Pick(e => e.Surname),
            DateOfBirth = read is not null && DateOfBirth == read.DateOfBirth ? now.DateOfBirth : DateOfBirth,
            Gender = Pick(e => e.Gender),
            Phone = Pick(e => e.Phone),
            Email = Pick(e => e.Email),
            Aliases = [.. now.Aliases.Select(c => Aliases.FirstOrDefault(a => a.Id == c.Id) ?? c), .. Aliases.Where(a => a.Id is null)],
            Addresses = [.. now.Addresses.Select(c => Addresses.FirstOrDefault(a => a.Id == c.Id) is { } mine ? Keep(mine, c) : c), .. Addresses.Where(a => a.Id is null)],
            Flags = [.. now.Flags.Select(c => Flags.FirstOrDefault(f => f.Id == c.Id) is { } mine ? new FlagRow { Id = c.Id, Type = c.Type, Reason = c.Reason, End = mine.End } : c), .. Flags.Where(f => f.Id is null)],
        };

        static string Norm(string? s) => s?.Trim() ?? "";

        static AddressRow Keep(AddressRow mine, AddressRow current) => new()
        {
            Id = current.Id, Line1 = current.Line1, Line2 = current.Line2, Town = current.Town, Postcode = current.Postcode,
            From = mine.From, To = mine.To, Remove = mine.Remove,
        };
    }

    /// <summary>A short read-only picture of the edit or record, for the conflict page (both versions side by side).</summary>
    public IReadOnlyList<(string Key, string Value)> Summary()
    {
        static string Date(DateOnly? d) => d is { } x ? Shared.UkTime.FormatDate(x) : "not known";
        var name = string.Join(' ', new[] { Forename, MiddleNames, Surname }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return
        [
            ("Name", name),
            ("Date of birth", Date(DateOfBirth)),
            ("Gender", Gender ?? ""),
            ("Phone", Phone ?? ""),
            ("Email", Email ?? ""),
            ("Also known as", string.Join("; ", Aliases.Where(a => !a.Remove && !(string.IsNullOrWhiteSpace(a.Forename) && string.IsNullOrWhiteSpace(a.Surname))).Select(a => $"{a.Forename} {a.Surname}"))),
            ("Addresses", string.Join("; ", Addresses.Where(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Line1))
                .Select(a => $"{string.Join(", ", new[] { a.Line1, a.Line2, a.Town, a.Postcode }.Where(s => !string.IsNullOrWhiteSpace(s)))} ({(a.From is null ? "" : "from " + Date(a.From) + " ")}{(a.To is null ? "current" : "to " + Date(a.To))})"))),
            ("Flags", string.Join("; ", Flags.Where(f => !f.End && PersonFlagTypes.IsKnown(f.Type)).Select(f => $"{PersonFlagTypes.Display(f.Type!)}: {f.Reason}"))),
        ];
    }
}

/// <summary>
/// Saves <see cref="PersonEdit"/>s (page and API share it): validates with GOV.UK wording, refuses people outside the
/// user's need to know (as not found), saves only at the version the user read (REL-CONC-01: a stale save is a
/// conflict, never an overwrite) and audits every change with its before and after values (DPA 2018 s.62 alteration).
/// </summary>
public sealed class PersonEditing(AppDb db, AuditLog audit, TimeProvider clock)
{
    public enum Outcome
    {
        Saved,
        NoChange,
        Invalid,
        Conflict,
        NotFound,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyDictionary<string, string> Errors);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The person with their names, addresses and flags, if the user may see them in full; else null. Read for showing
    /// (untracked), a withheld address (a restricted case's place, CaseAccess.Places) is left out.
    /// </summary>
    public async Task<Person?> LoadAsync(ClaimsPrincipal user, int id, bool tracked, CancellationToken ct)
    {
        var query = CaseAccess.People(db, user).Include(p => p.Aliases).Include(p => p.Addresses).ThenInclude(a => a.Place).Include(p => p.Flags).AsSplitQuery();
        var person = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is not null && !tracked)
        {
            var withheld = await WithheldAddressIdsAsync(user, person, ct);
            person.Addresses.RemoveAll(a => withheld.Contains(a.Id));
        }
        return person;
    }

    async Task<HashSet<int>> WithheldAddressIdsAsync(ClaimsPrincipal user, Person person, CancellationToken ct)
    {
        var placeIds = person.Addresses.Select(a => a.PlaceId).Distinct().ToList();
        var visible = (await CaseAccess.Places(db, user).Where(p => placeIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return person.Addresses.Where(a => !visible.Contains(a.PlaceId)).Select(a => a.Id).ToHashSet();
    }

    public async Task<Result> SaveAsync(ClaimsPrincipal user, int id, int version, PersonEdit edit, CancellationToken ct)
    {
        var person = await LoadAsync(user, id, tracked: true, ct);
        if (person is null)
        {
            return new Result(Outcome.NotFound, new Dictionary<string, string>());
        }
        // A withheld address cannot be changed or removed by someone who may not see it: its rows are ignored.
        var withheld = await WithheldAddressIdsAsync(user, person, ct);
        edit.Addresses = edit.Addresses.Where(r => r.Id is not int rowId || !withheld.Contains(rowId)).ToList();
        var errors = Validate(person, edit);
        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var changes = new List<string>();
        var now = Now;
        void Set<T>(string what, T before, T after, Action apply)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes.Add($"{what}: {Show(before)} → {Show(after)}");
                apply();
            }
        }

        var forename = edit.Forename!.Trim();
        var surname = edit.Surname!.Trim();
        var middle = Blank(edit.MiddleNames);
        if (forename != person.Forename || surname != person.Surname || middle != person.MiddleNames)
        {
            changes.Add($"name: {person.FullName} → {string.Join(' ', new[] { forename, middle, surname }.Where(s => s is not null))}");
            person.SetNames(forename, surname, middle);
        }
        Set("date of birth", person.DateOfBirth, edit.DateOfBirth, () => person.DateOfBirth = edit.DateOfBirth);
        Set("gender", person.Gender, Blank(edit.Gender), () => person.Gender = Blank(edit.Gender));
        Set("phone", person.Phone, Blank(edit.Phone), () => person.Phone = Blank(edit.Phone));
        Set("email", person.Email, Blank(edit.Email), () => person.Email = Blank(edit.Email));

        foreach (var row in edit.Aliases)
        {
            var alias = row.Id is { } aid ? person.Aliases.First(a => a.Id == aid) : null;
            if (alias is null)
            {
                if (!row.Remove && !IsBlank(row))
                {
                    person.Aliases.Add(PersonAlias.For(row.Forename!, row.Surname!, now));
                    changes.Add($"other name added: {row.Forename!.Trim()} {row.Surname!.Trim()}");
                }
            }
            else if (row.Remove)
            {
                db.Remove(alias);
                changes.Add($"other name removed: {alias.Forename} {alias.Surname}");
            }
            else if (alias.Forename != row.Forename!.Trim() || alias.Surname != row.Surname!.Trim())
            {
                var replaced = PersonAlias.For(row.Forename!, row.Surname!, alias.CreatedUtc);
                changes.Add($"other name: {alias.Forename} {alias.Surname} → {replaced.Forename} {replaced.Surname}");
                (alias.Forename, alias.Surname, alias.ForenameKey, alias.SurnameKey, alias.ForenamePhonetic, alias.SurnamePhonetic) =
                    (replaced.Forename, replaced.Surname, replaced.ForenameKey, replaced.SurnameKey, replaced.ForenamePhonetic, replaced.SurnamePhonetic);
            }
        }

        foreach (var row in edit.Addresses)
        {
            var address = row.Id is { } adid ? person.Addresses.First(a => a.Id == adid) : null;
            if (address is null)
            {
                if (!row.Remove && !IsBlank(row))
                {
                    var place = await FindOrNewPlaceAsync(row, now, ct);
                    person.Addresses.Add(new PersonAddress { Place = place, FromDate = row.From, ToDate = row.To, CreatedUtc = now });
                    changes.Add($"address added: {place.OneLine} ({Period(row.From, row.To)})");
                }
            }
            else if (row.Remove)
            {
                db.Remove(address);
                changes.Add($"address removed: {address.Place!.OneLine} ({Period(address.FromDate, address.ToDate)})");
            }
            else if (address.FromDate != row.From || address.ToDate != row.To)
            {
                changes.Add($"address {address.Place!.OneLine}: {Period(address.FromDate, address.ToDate)} → {Period(row.From, row.To)}");
                address.FromDate = row.From;
                address.ToDate = row.To;
            }
        }

        foreach (var row in edit.Flags)
        {
            var flag = row.Id is { } fid ? person.Flags.First(f => f.Id == fid) : null;
            if (flag is null)
            {
                if (!row.End && !IsBlank(row))
                {
                    person.Flags.Add(new PersonFlag
                    {
                        Type = row.Type!, Reason = row.Reason!.Trim(), SetUtc = now, SetByUserId = user.UserId(), SetByName = user.DisplayName(),
                    });
                    changes.Add($"flag set: {row.Type} ({row.Reason.Trim()})");
                }
            }
            else if (row.End && flag.Active)
            {
                flag.Active = false;
                flag.EndedUtc = now;
                flag.EndedByUserId = user.UserId();
                flag.EndedReason = $"Ended by {user.DisplayName()}";
                changes.Add($"flag ended: {flag.Type}");
            }
        }

        if (changes.Count == 0)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.NoChange, errors);
        }
        // Saving at the version the user read: if anyone saved the person since, nothing here is written.
        db.Entry(person).Property(p => p.Version).OriginalValue = version;
        person.UpdatedUtc = now;
        // Marked even when only other names, addresses or flags changed, so the version check and raise always happen.
        db.Entry(person).Property(p => p.UpdatedUtc).IsModified = true;
        audit.Add(new AuditEntry(AuditActions.Change, "person", id.ToString(CultureInfo.InvariantCulture), "details changed: " + string.Join("; ", changes)));
        try
        {
            await db.SaveChangesAsync(ct);
            return new Result(Outcome.Saved, errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.Conflict, errors);
        }
    }

    /// <summary>Errors keyed like the edit's properties ("Forename", "Addresses[1].To"), worded as GOV.UK asks.</summary>
    Dictionary<string, string> Validate(Person person, PersonEdit edit)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(Shared.UkTime.ToUk(Now));
        if (person.MergedIntoId is int survivor)
        {
            errors["Forename"] = $"This record was merged into person {survivor}: change that record instead";
            return errors;
        }
        Name(errors, "Forename", edit.Forename, "Enter the person's first name", 100, "First name");
        Name(errors, "Surname", edit.Surname, "Enter the person's last name", 100, "Last name");
        if (edit.MiddleNames is { Length: > 200 })
        {
            errors["MiddleNames"] = "Middle names must be 200 characters or fewer";
        }
        if (edit.DateOfBirth is { } dob && DateOfBirthRule.Error(dob, today) is { } dobError)
        {
            errors["DateOfBirth"] = dobError;
        }
        if (edit.Gender is { Length: > 40 })
        {
            errors["Gender"] = "Gender must be 40 characters or fewer";
        }
        if (!string.IsNullOrWhiteSpace(edit.Phone) && (edit.Phone.Length > 40 || !new PhoneAttribute().IsValid(edit.Phone.Trim())))
        {
            errors["Phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982";
        }
        if (!string.IsNullOrWhiteSpace(edit.Email) && (edit.Email.Length > 256 || !new EmailAddressAttribute().IsValid(edit.Email.Trim())))
        {
            errors["Email"] = "Enter an email address in the correct format, like name@example.com";
        }

        for (var i = 0; i < edit.Aliases.Count; i++)
        {
            var row = edit.Aliases[i];
            var key = $"Aliases[{i}]";
            if (row.Id is { } id && person.Aliases.All(a => a.Id != id))
            {
                errors[key + ".Forename"] = "This other name is no longer on the record: someone else removed it";
            }
            else if (!row.Remove && !(row.Id is null && IsBlank(row)))
            {
                Name(errors, key + ".Forename", row.Forename, "Enter the first name of the other name", 100, "First name");
                Name(errors, key + ".Surname", row.Surname, "Enter the last name of the other name", 100, "Last name");
            }
        }

        for (var i = 0; i < edit.Addresses.Count; i++)
        {
            var row = edit.Addresses[i];
            var key = $"Addresses[{i}]";
            if (row.Id is { } id && person.Addresses.All(a => a.Id != id))
            {
                errors[key + ".From"] = "This address is no longer on the record: someone else removed it";
                continue;
            }
            if (row.Remove || (row.Id is null && IsBlank(row)))
            {
                continue;
            }
            if (row.Id is null)
            {
                if (string.IsNullOrWhiteSpace(row.Line1))
                {
                    errors[key + ".Line1"] = "Enter the first line of the address";
                }
                else if (row.Line1.Length > 200 || row.Line2 is { Length: > 200 } || row.Town is { Length: > 100 })
                {
                    errors[key + ".Line1"] = "Address lines must be 200 characters or fewer, and the town 100";
                }
                if (!string.IsNullOrWhiteSpace(row.Postcode) && Place.PostcodeKeyOf(row.Postcode) is not { Length: >= 5 and <= 7 })
                {
                    errors[key + ".Postcode"] = "Enter a real postcode, like WY4 2LR";
                }
            }
            if (row.From is { } from && from > today)
            {
                errors[key + ".From"] = "The date they moved in must be today or in the past";
            }
            if (row.To is { } to && to > today)
            {
                errors[key + ".To"] = "The date they moved out must be today or in the past";
            }
            else if (row.From is { } f && row.To is { } t && t < f)
            {
                errors[key + ".To"] = "The date they moved out must be the same as or after the date they moved in";
            }
        }

        for (var i = 0; i < edit.Flags.Count; i++)
        {
            var row = edit.Flags[i];
            var key = $"Flags[{i}]";
            if (row.Id is { } id && person.Flags.All(f => f.Id != id))
            {
                errors[key + ".Type"] = "This flag is not on the record";
            }
            else if (row.Id is null && !row.End && !IsBlank(row))
            {
                if (!PersonFlagTypes.IsKnown(row.Type))
                {
                    errors[key + ".Type"] = "Select the type of flag";
                }
                if (string.IsNullOrWhiteSpace(row.Reason))
                {
                    errors[key + ".Reason"] = "Enter the reason for the flag";
                }
                else if (row.Reason.Length > 1000)
                {
                    errors[key + ".Reason"] = "Reason must be 1,000 characters or fewer";
                }
            }
        }
        return errors;
    }

    static void Name(Dictionary<string, string> errors, string key, string? value, string missing, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[key] = missing;
        }
        else if (value.Trim().Length > max)
        {
            errors[key] = $"{label} must be {max} characters or fewer";
        }
    }

    async Task<Place> FindOrNewPlaceAsync(PersonEdit.AddressRow row, DateTime now, CancellationToken ct)
    {
        // The same first line and postcode is the same place, so people and incidents at one address stay linked.
        var line1Key = Place.AddressKey(row.Line1);
        var postcodeKey = Place.PostcodeKeyOf(row.Postcode);
        var existing = postcodeKey is null ? null
            : await db.Set<Place>().FirstOrDefaultAsync(p => p.Line1Key == line1Key && p.PostcodeKey == postcodeKey, ct);
        if (existing is not null)
        {
            return existing;
        }
        var place = new Place { CreatedUtc = now };
        place.SetAddress(row.Line1!, row.Line2, row.Town, row.Postcode);
        return place;
    }

    static bool IsBlank(PersonEdit.AliasRow r) => string.IsNullOrWhiteSpace(r.Forename) && string.IsNullOrWhiteSpace(r.Surname);

    static bool IsBlank(PersonEdit.AddressRow r) => string.IsNullOrWhiteSpace(r.Line1) && string.IsNullOrWhiteSpace(r.Line2) &&
        string.IsNullOrWhiteSpace(r.Town) && string.IsNullOrWhiteSpace(r.Postcode) && r.From is null && r.To is null;

    static bool IsBlank(PersonEdit.FlagRow r) => string.IsNullOrWhiteSpace(r.Type) && string.IsNullOrWhiteSpace(r.Reason);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static string Show<T>(T value) => value switch
    {
        null => "(none)",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string Period(DateOnly? from, DateOnly? to) =>
        $"{(from is { } f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "?")} to {(to is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "now")}";
}
