namespace CommunitySafety.Features.Referrals;

/// <summary>
/// The fields a referrer may choose to share: a minimal set about the person, never the case. Reason and service are
/// always part of a referral; each field below is shared only when ticked. Sensitive = special-category (UK GDPR
/// Art. 9: health) or criminal-offence (Art. 10) data, which needs a condition as well as an Art. 6 basis.
/// </summary>
public static class SharedFields
{
    public const string Name = "Name";
    public const string Address = "Address";
    public const string Phone = "Phone";
    public const string Email = "Email";
    public const string DateOfBirth = "DateOfBirth";
    public const string AgeBand = "AgeBand";
    public const string CrimeExperienced = "CrimeExperienced";
    public const string FireRiskScreen = "FireRiskScreen";
    public const string SupportNeeds = "SupportNeeds";

    public static readonly IReadOnlyList<(string Code, string Name, string Hint, bool Sensitive)> All =
    [
        (Name, "Name", "", false),
        (Address, "Current address", "", false),
        (Phone, "Phone number", "", false),
        (Email, "Email address", "", false),
        (DateOfBirth, "Date of birth", "", false),
        (AgeBand, "Age band (instead of the date of birth)", "For example, 75 to 84", false),
        (CrimeExperienced, "Crime experienced (type and date only, no narrative)", "", false),
        (FireRiskScreen, "Fire-risk screen and priority", "Includes health factors (alcohol, drugs, mental health)", true),
        (SupportNeeds, "Support needs you describe", "Health, drug use or offending: only what the service needs", true),
    ];

    public static bool IsKnown(string? code) => All.Any(f => f.Code == code);

    public static string Display(string code) => All.FirstOrDefault(f => f.Code == code).Name ?? code;

    public static bool IsSensitive(string code) => All.Any(f => f.Code == code && f.Sensitive);

    /// <summary>Age bands as published for older people's services (65–74, 75–84, 85+), and ten-year bands below.</summary>
    public static string AgeBandOf(int age) => age switch
    {
        >= 85 => "85 or over",
        >= 75 => "75 to 84",
        >= 65 => "65 to 74",
        >= 18 => $"{age / 10 * 10} to {age / 10 * 10 + 9}",
        _ => "Under 18",
    };
}

/// <summary>
/// Lawful bases for a disclosure (reference: information sharing under Crime and Disorder Act 1998 s.115 with
/// UK GDPR / DPA 2018; fire services' Safe and Well referrals under FRS Act 2004 s.6 with public task, reference 2.14).
/// </summary>
public static class LawfulBases
{
    public static readonly IReadOnlyList<(string Code, string Name)> Article6 =
    [
        ("ART6-1-E", "UK GDPR Art. 6(1)(e): public task"),
        ("ART6-1-A", "UK GDPR Art. 6(1)(a): consent"),
        ("ART6-1-C", "UK GDPR Art. 6(1)(c): legal obligation"),
        ("ART6-1-D", "UK GDPR Art. 6(1)(d): vital interests"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Powers =
    [
        ("CDA1998-S115", "Crime and Disorder Act 1998 s.115 (sharing to reduce crime and disorder)"),
        ("FRSA2004-S6", "Fire and Rescue Services Act 2004 s.6 (fire safety)"),
        ("CARE2014-S42", "Care Act 2014 s.42 (adult safeguarding enquiry)"),
        ("CONSENT-ONLY", "No statutory power: consent of the person"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Conditions =
    [
        ("ART9-2-G-DPA-SCH1-10", "Art. 9(2)(g) / Art. 10 with DPA 2018 Sch. 1 para 10: preventing or detecting unlawful acts"),
        ("ART9-2-G-DPA-SCH1-18", "Art. 9(2)(g) with DPA 2018 Sch. 1 para 18: safeguarding of individuals at risk"),
        ("ART9-2-H", "Art. 9(2)(h): health or social care"),
        ("ART9-2-A", "Art. 9(2)(a): explicit consent"),
    ];

    public static string Display(IReadOnlyList<(string Code, string Name)> list, string? code) =>
        code is null ? "" : list.FirstOrDefault(x => x.Code == code).Name ?? code;

    public static bool In(IReadOnlyList<(string Code, string Name)> list, string? code) => list.Any(x => x.Code == code);
}
