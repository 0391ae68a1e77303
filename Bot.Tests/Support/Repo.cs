namespace Bot.Tests.Support;

/// <summary>Paths inside the repository under test (found from the test binary, so tests run from any folder).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string SeedDocument => Path.Combine(Knowledge, "kazakhstan-industrialization.txt");

    public static string SeedDev => Path.Combine(Root, "eval", "seed-dev.jsonl");

    /// <summary>A test fixture file shipped in Bot.Tests/Fixtures (see its README for how each was made).</summary>
    public static string Fixture(string name) => Path.Combine(Root, "Bot.Tests", "Fixtures", name);

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChatBot.sln not found above " + AppContext.BaseDirectory);
    }
}
