using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.Hate;

/// <summary>Hate incidents and crime: the case type of the demo's Quayside Court case. Its own pages come later.</summary>
public sealed class HateStrand : IStrand
{
    public const string Code = "HATE";

    public void Register(StrandRegistration strand) => strand.CaseType(new CaseTypeDefinition(Code, "Hate incident or crime"));
}
