namespace CommunitySafety.Features.Places.Model;

/// <summary>
/// The 14 police.uk street-level crime categories as compact codes (stored as small integers in
/// <c>crime_records</c> and <c>ward_monthly_counts</c>). Values are fixed forever: never renumber.
/// Source: data.police.uk "Crime categories" (reference 2.9); CSV text and API slugs are in
/// <see cref="Import.PoliceUkCrimeTypes"/>.
/// </summary>
public enum CrimeCategory : byte
{
    AntiSocialBehaviour = 1,
    BicycleTheft = 2,
    Burglary = 3,
    CriminalDamageAndArson = 4,
    Drugs = 5,
    OtherTheft = 6,
    PossessionOfWeapons = 7,
    PublicOrder = 8,
    Robbery = 9,
    Shoplifting = 10,
    TheftFromThePerson = 11,
    VehicleCrime = 12,
    ViolenceAndSexualOffences = 13,
    OtherCrime = 14,
}

/// <summary>How a crime record was placed in a ward (or why it was not).</summary>
public enum Placement : byte
{
    /// <summary>The record's map point is inside a ward of the current ward boundary set.</summary>
    InWardByPoint = 1,

    /// <summary>No coordinates; placed through its 2011 LSOA → 2021 LSOA → ward lookups.</summary>
    InWardByLsoa = 2,

    /// <summary>Has a location, but it is outside every loaded ward (kept and counted).</summary>
    OutsideArea = 3,

    /// <summary>Neither coordinates nor a usable LSOA code (police.uk "No location").</summary>
    NoLocation = 4,
}

public enum ImportKind : byte
{
    PoliceUk = 1,
    Boundaries = 2,
    Lookup = 3,
    Population = 4,
}

public enum ImportStatus : byte
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    /// <summary>Every file had been imported before with the same bytes (SHA-256); nothing changed.</summary>
    AlreadyImported = 4,
    /// <summary>Its process stopped (crash, kill, server stop) before it finished; its transaction rolled back.</summary>
    Interrupted = 5,
}
