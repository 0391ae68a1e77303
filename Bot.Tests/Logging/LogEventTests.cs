using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Logging;

public sealed partial class LogEventTests
{
    // Each area's events and the id range docs/architecture.md gives it.
    private static readonly (Type Events, int From, int To)[] Areas =
    [
        (typeof(Bot.Host.Telegram.TelegramLog), 1000, 1299),
        (typeof(Bot.Host.Logging.HostLog), 2000, 2599),
        (typeof(Bot.Retrieval.RetrievalLog), 3000, 3399),
    ];

    [Fact]
    public void EveryEvent_HasAnIdOfItsArea_NoTwoShareOne_AndItsTemplateNamesEveryArgument()
    {
        var seen = new Dictionary<int, string>();
        foreach (var (events, from, to) in Areas)
        {
            foreach (var method in events.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                var attribute = method.GetCustomAttribute<LoggerMessageAttribute>();
                Assert.True(attribute is not null, $"{events.Name}.{method.Name} is not a [LoggerMessage]");
                Assert.InRange(attribute.EventId, from, to);
                Assert.True(seen.TryAdd(attribute.EventId, method.Name), $"event {attribute.EventId}: {method.Name} and {seen.GetValueOrDefault(attribute.EventId)}");
                var named = Placeholder().Matches(attribute.Message).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var arguments = method.GetParameters().Skip(1)
                    .Where(p => !typeof(Exception).IsAssignableFrom(p.ParameterType) && p.ParameterType != typeof(LogLevel))
                    .Select(p => p.Name!);
                Assert.All(arguments, a => Assert.True(named.Contains(a), $"{method.Name}: '{a}' is not in \"{attribute.Message}\""));
            }
        }

        Assert.True(seen.Count >= 80, $"{seen.Count} events");
    }

    // The product logs through these events only: a logger.LogX(...) call is a message without an id.
    [Fact]
    public void ProductCode_LogsThroughEventsOnly()
    {
        var calls = new[] { "Bot.Host", "Bot.Retrieval" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Support.Repo.Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => DirectCall().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(calls);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\blogger\??\.Log(Trace|Debug|Information|Warning|Error|Critical)?\(")]
    private static partial Regex DirectCall();
}
