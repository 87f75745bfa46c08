namespace CommunitySafety.Bench;

/// <summary>Entry point: <c>people-search [--people N] [--cases N] [--queries N] [--provider sqlite|postgres|both]</c>.</summary>
public static class PeopleSearchProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = PeopleSearchBench.Options.Parse(args);
        return await PeopleSearchBench.RunAsync(options);
    }
}
