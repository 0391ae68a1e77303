using System.Text.RegularExpressions;
using Bot.Host.Configuration;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>The README's configuration table against the options the program binds: no key missing, none invented.</summary>
public sealed partial class ReadmeConfigurationTableTests
{
    [Fact]
    public void EveryOptionIsInTheTable_AndEveryKeyInTheTableIsRead()
    {
        var table = TableKeys();
        var options = ConfigurationCheck.Keys
            .Append("Serilog:MinimumLevel:Default")
            .Append("Serilog:MinimumLevel:Override")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(options.Except(table).Order(StringComparer.Ordinal));
        Assert.Empty(table.Except(options).Order(StringComparer.Ordinal));
    }

    // "`Index:Qdrant:Endpoint` / `ApiKey` / `Collection`": the first key is whole, the rest share its section.
    private static HashSet<string> TableKeys()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n### ", start, StringComparison.Ordinal)];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cell = line.Split('|')[1];
            var names = Code().Matches(cell).Select(m => m.Groups[1].Value).ToList();
            var parent = names[0][..names[0].LastIndexOf(':')];
            keys.Add(names[0]);
            foreach (var name in names.Skip(1)) keys.Add(name.Contains(':') && name.StartsWith(parent.Split(':')[0] + ":", StringComparison.Ordinal) ? name : $"{parent}:{name.Split(':')[0]}");
        }

        return keys;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
