using System.Text.RegularExpressions;

namespace Bot.Retrieval.Text;

/// <summary>
/// An answer's words under the evaluation data's comparison rules (<see cref="EvalText.Normalize"/>): what the answer
/// metrics count, and what the extractive answerer compares a typed span with.
/// </summary>
internal static partial class AnswerTokens
{
    /// <summary>The answer's words, normalised; punctuation and citation markers dropped.</summary>
    public static List<string> Of(string text) =>
        Word().Matches(EvalText.Normalize(Unmarked(text))).Select(m => m.Value).ToList();

    /// <summary>The text without its citation markers ([1]).</summary>
    public static string Unmarked(string text) => Marker().Replace(text, " ");

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
