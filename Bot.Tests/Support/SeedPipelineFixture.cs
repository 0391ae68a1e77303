namespace Bot.Tests.Support;

/// <summary>One indexed copy of the seed knowledge for a test class.</summary>
public sealed class SeedPipelineFixture : IAsyncLifetime
{
    private readonly TempFolder temp = new();

    public Pipeline Pipeline { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Pipeline = new Pipeline(temp.SeedKnowledge(), temp.Combine("index.db"));
        await Pipeline.SyncAsync();
    }

    public ValueTask DisposeAsync()
    {
        Pipeline.Dispose();
        temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
