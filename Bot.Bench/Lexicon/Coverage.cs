using System.Text.Json;
using Bot.Retrieval.Text.Russian;

namespace Bot.Bench.Lexicon;

/// <summary>How many content words of a Russian question set each list knows: `Bot.Bench -- russian-coverage FILE`.</summary>
public static class Coverage
{
    public static int Run(string file)
    {
        var questions = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!).ToList();
        var bridge = RussianBridge.Default;
        var slots = questions.SelectMany(q => bridge.Slots(q)).Where(s => s.Kind != RussianBridge.SlotKind.Asks && !char.IsDigit(s.Words[0][0])).ToList();
        int translated = slots.Count(s => s.Kind == RussianBridge.SlotKind.Translated);
        Console.WriteLine($"{questions.Count} questions, {slots.Count} content words: {translated} translated ({100.0 * translated / slots.Count:0.0} %), " +
                          $"{slots.Count(s => s.Kind == RussianBridge.SlotKind.Kept)} names kept, {slots.Count(s => s.Kind == RussianBridge.SlotKind.Unknown)} unknown; {bridge.Size} Russian stems known");
        return 0;
    }
}
