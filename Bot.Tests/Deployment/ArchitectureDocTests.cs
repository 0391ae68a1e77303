using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Deployment;

/// <summary>docs/architecture.md names the file of every hop: each one it names exists, so a move cannot leave it stale.</summary>
public sealed partial class ArchitectureDocTests
{
    [Fact]
    public void EveryFileTheArchitecturePageNames_Exists()
    {
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "architecture.md"));
        var named = FileName().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(named.Count >= 40, $"only {named.Count} files named");
        // Paths are written from the repository root, or from the project the section is about.
        var missing = named.Where(n => !new[] { "", "Bot.Retrieval", "Bot.Host" }.Any(p => File.Exists(Path.Combine(Repo.Root, p, n)))).ToList();
        Assert.True(missing.Count == 0, "named but not found: " + string.Join(", ", missing));
    }

    // A path in backticks with at least one folder: "Documents/PlainTextLoader.cs", not a bare name given beside one.
    [GeneratedRegex(@"`([\w.]+(?:/[\w.]+)+\.cs)`")]
    private static partial Regex FileName();
}
