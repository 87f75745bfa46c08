namespace CommunitySafety.Features.Cases;

/// <summary>
/// The one set of timeline entry kinds (<see cref="CaseEvent.Kind"/>), for the core and every strand, so a timeline or a
/// report can filter by kind whichever page wrote the entry. A strand's own steps use <see cref="StrandStep"/>.
/// </summary>
public static class CaseEventKinds
{
    public const string Opened = "opened";
    public const string Details = "details";
    public const string Status = "status";
    public const string Team = "team";
    public const string Partners = "partners";
    public const string NoteAdded = "note-added";
    public const string DocumentAdded = "document-added";
    public const string ActionAdded = "action-added";
    public const string ActionChanged = "action-changed";
    public const string ReviewScheduled = "review-scheduled";
    public const string ReviewHeld = "review-held";
    public const string PersonLinked = "person-linked";
    public const string IncidentLinked = "incident-linked";
    public const string RiskAssessed = "risk-assessed";
    public const string OrderRecorded = "order-recorded";
    public const string OrderBreached = "order-breached";
    /// <summary>A step of a strand's own process (an ASB Case Review decision, say); the text says which.</summary>
    public const string StrandStep = "strand-step";
}
