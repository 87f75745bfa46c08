namespace CommunitySafety.Auditing;

/// <summary>
/// Audit action names. DPA 2018 s.62 asks law-enforcement processing logs to cover collection,
/// alteration, consultation (view/search), disclosure (export/share), combination and erasure:
/// each has its own action so the log can be reported by type.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    /// <summary>Reference or police.uk data loaded into Places (not personal data; recorded as a change).</summary>
    public const string PlacesImport = "places-import";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInLockedOut = "sign-in-locked-out";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorFailed = "two-factor-failed";
    public const string SessionRevoked = "session-revoked";

    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string UserRolesChanged = "user-roles-changed";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string AgencyCreated = "agency-created";
    public const string AgencyChanged = "agency-changed";

    // Personal data (s.62 operation types).
    public const string View = "view";
    public const string Search = "search";
    public const string Create = "create";
    public const string Change = "change";
    public const string Export = "export";
    public const string Share = "share";
    public const string Combine = "combine";
    public const string Erase = "erase";

    /// <summary>One user viewed personal records in bulk (BulkAccessMonitor): for administrators and the DPO to look into.</summary>
    public const string BulkAccess = "bulk-access";

    public const string AuditSearched = "audit-searched";
    public const string AuditExported = "audit-exported";
}
