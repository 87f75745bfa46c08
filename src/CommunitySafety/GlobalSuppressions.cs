using System.Diagnostics.CodeAnalysis;

// These types build EF Core queries. Their string.Compare and ToLower calls are translated to SQL (a range
// comparison on an indexed key column, and lower()) and never run in .NET, so the culture and StringComparison
// overloads the analyzers ask for would either not translate or change nothing.
[assembly: SuppressMessage("Globalization", "CA1309:Use ordinal string comparison",
    Justification = "Translated to SQL range comparisons on normalised key columns.", Scope = "type", Target = "~T:CommunitySafety.Features.People.PeopleSearch")]
[assembly: SuppressMessage("Globalization", "CA1309:Use ordinal string comparison",
    Justification = "Translated to SQL range comparisons on normalised key columns.", Scope = "type", Target = "~T:CommunitySafety.Features.Cases.CaseSearch")]
[assembly: SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL lower().", Scope = "type", Target = "~T:CommunitySafety.Auditing.AuditFilter")]
[assembly: SuppressMessage("Globalization", "CA1311:Specify a culture or use an invariant version", Justification = "Translated to SQL lower().", Scope = "type", Target = "~T:CommunitySafety.Auditing.AuditFilter")]
[assembly: SuppressMessage("Performance", "CA1862:Use the 'StringComparison' method overloads", Justification = "Translated to SQL lower() and LIKE.", Scope = "type", Target = "~T:CommunitySafety.Auditing.AuditFilter")]
[assembly: SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL lower().", Scope = "type", Target = "~T:CommunitySafety.Features.Accounts.UsersModel")]
[assembly: SuppressMessage("Globalization", "CA1311:Specify a culture or use an invariant version", Justification = "Translated to SQL lower().", Scope = "type", Target = "~T:CommunitySafety.Features.Accounts.UsersModel")]
[assembly: SuppressMessage("Performance", "CA1862:Use the 'StringComparison' method overloads", Justification = "Translated to SQL lower() and LIKE.", Scope = "type", Target = "~T:CommunitySafety.Features.Accounts.UsersModel")]

// ReadResult<T>.Ok / .Rejected read as what they make at every reader's yield; a non-generic twin class would only
// repeat the type argument the compiler already infers from the row.
[assembly: SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Factory methods of a small result type.", Scope = "type", Target = "~T:CommunitySafety.Features.Places.Import.ReadResult`1")]
