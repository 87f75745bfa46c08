[assembly: AssemblyFixture(typeof(CommunitySafety.Tests.Infrastructure.PostgresFixture))]
// Integration tests each use their own database; they can run in parallel across classes.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
