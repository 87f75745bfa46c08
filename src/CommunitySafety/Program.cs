using CommunitySafety.Cli;

// One executable: the web app (`serve`, the default) and the operator's command-line verbs.
return await CommandLine.RunAsync(args);

/// <summary>Entry point marker used by WebApplicationFactory in the tests.</summary>
public partial class Program;
