using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Search within the cases the user may see: by case reference, by the name of a linked person (the
/// indexed <see cref="PeopleSearch"/>), or by the postcode or first address line of a linked place or
/// person's address (indexed prefix keys). Always filtered by <see cref="CaseAccess"/>: cases, and the people and
/// places a case is found through.
/// </summary>
public static class CaseSearch
{
    public static async Task<IQueryable<Case>> SearchAsync(AppDb db, ClaimsPrincipal user, string text, CancellationToken ct)
    {
        var visible = CaseAccess.Cases(db, user).AsNoTracking();
        text = text.Trim();
        if (CaseReference.TryParse(text, out var reference))
        {
            var r = reference.ToString();
            return visible.Where(c => c.Reference == r);
        }

        var personIds = (await PeopleSearch.FindIdsAsync(db, text, 200, ct)).ToList();
        var postcode = Place.PostcodeKeyOf(text) ?? "";
        var addressKey = Place.AddressKey(text);
        var placeIds = new List<int>();
        if (postcode.Length >= 2 && postcode.Any(char.IsAsciiDigit))
        {
            var hi = postcode + "~";
            placeIds.AddRange(await db.Set<Place>().Where(p => string.Compare(p.PostcodeKey, postcode) >= 0 && string.Compare(p.PostcodeKey, hi) < 0)
                .Select(p => p.Id).Take(500).ToListAsync(ct));
        }
        if (addressKey.Length >= 3)
        {
            var hi = NameKeys.PrefixUpperBound(addressKey) ?? addressKey + "~";
            placeIds.AddRange(await db.Set<Place>().Where(p => string.Compare(p.Line1Key, addressKey) >= 0 && string.Compare(p.Line1Key, hi) < 0)
                .Select(p => p.Id).Take(500).ToListAsync(ct));
        }
        if (placeIds.Count > 0)
        {
            personIds.AddRange(await db.Set<PersonAddress>().Where(a => placeIds.Contains(a.PlaceId)).Select(a => a.PersonId).Take(500).ToListAsync(ct));
        }
        // Only through people and places the user may see: otherwise finding one's own case by a name or address
        // would confirm the name or address of a signposted person linked to it (an oracle round need to know).
        var visiblePeople = CaseAccess.People(db, user).Select(p => p.Id);
        var visiblePlaces = CaseAccess.Places(db, user).Select(p => p.Id);
        return visible.Where(c =>
            c.People.Any(p => personIds.Contains(p.PersonId) && visiblePeople.Contains(p.PersonId)) ||
            c.Places.Any(p => placeIds.Contains(p.PlaceId) && visiblePlaces.Contains(p.PlaceId)));
    }
}
