using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Meetings;

/// <summary>The meetings the user's agency organises or attends (titles only: no personal data until a meeting is opened).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(MeetingService meetings, Strands.StrandCatalogue strands) : PageModel
{
    public sealed record Row(int Id, string Kind, string Title, DateOnly HeldOn, int Cases);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await meetings.Visible(User).AsNoTracking().OrderByDescending(m => m.HeldOn).Take(200)
            .Select(m => new { m.Id, m.Kind, m.Title, m.HeldOn, Cases = m.Agenda.Count }).ToListAsync(ct))
            .Select(m => new Row(m.Id, strands.MeetingKind(m.Kind)?.Name ?? m.Kind, m.Title, m.HeldOn, m.Cases)).ToList();
}
