using System.Text.RegularExpressions;

namespace Bot.Retrieval.Documents.Cleaning;

/// <summary>
/// Turns scraped web text into clean lines by general rules: no line without words (tickers, separators),
/// no "reaction widget" runs of short counter lines and the short question before them, no trailing
/// navigation lines without sentence punctuation, and lines of one hard-wrapped paragraph joined.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>Cleans raw text and returns its blocks: each block a list of lines that belong together.</summary>
    public static List<string> Paragraphs(string raw)
    {
        var lines = ScriptRepair.Repair(raw).Split('\n').Select(l => CollapseSpaces(l).Trim()).ToList();
        DropLinesWithoutWords(lines);
        DropCounterWidgets(lines);
        DropTrailingNavigation(lines);
        return JoinWrappedLines(lines);
    }

    /// <summary>True for a line that reads as a heading: short, not ending like a sentence, and no sentence ends inside it.</summary>
    public static bool LooksLikeHeading(string line)
    {
        if (line.Length is 0 or > 120 || InnerSentenceEnd().IsMatch(line)) return false;
        int words = WordCount(line);
        return words is >= 1 and <= 12 && !EndsLikeSentence(line) && char.IsUpper(FirstLetter(line));
    }

    /// <summary>
    /// A run-in heading: a paragraph whose first sentence is a short title ("Түрксіб темір жолын салу. Индустрияландыру
    /// кезіндегі…") — at most six words, no comma, not ending in a finite verb — followed by a long body.
    /// </summary>
    public static string? RunInHeading(string paragraph, string firstSentence)
    {
        var title = firstSentence.TrimEnd().TrimEnd('.').Trim();
        if (paragraph.Length < firstSentence.Length + 200 || !firstSentence.TrimEnd().EndsWith('.')) return null;
        if (title.Contains(',') || title.Contains(':') || !char.IsUpper(FirstLetter(title))) return null;
        if (WordCount(title) > 6 || title.Any(char.IsDigit)) return null;
        var last = title.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].ToLowerInvariant();
        return FiniteVerbEnding().IsMatch(last) ? null : title;
    }

    /// <summary>Space-separated words that hold a letter or digit (without allocating: it runs on every line).</summary>
    internal static int WordCount(string line)
    {
        int count = 0;
        bool inWord = false, hasContent = false;
        foreach (var ch in line)
        {
            if (ch == ' ')
            {
                if (inWord && hasContent) count++;
                inWord = hasContent = false;
                continue;
            }

            inWord = true;
            hasContent |= char.IsLetterOrDigit(ch);
        }

        return inWord && hasContent ? count + 1 : count;
    }

    private static char FirstLetter(string line) => line.FirstOrDefault(char.IsLetterOrDigit);

    private static bool EndsLikeSentence(string line) => line.TrimEnd('»', '"', '”', '\'', ')', ' ') is var t && t.Length > 0 && ".!?…:;".Contains(t[^1]);

    private static void DropLinesWithoutWords(List<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            // A line with fewer than three letters is a ticker ("$ 444.22 476.38"), a rule or a stray mark.
            if (lines[i].Length > 0 && lines[i].Count(char.IsLetter) < 3) lines[i] = "";
        }
    }

    private static void DropCounterWidgets(List<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            int j = i, counters = 0;
            while (j < lines.Count && (lines[j].Length == 0 || IsCounterLine(lines[j])))
            {
                if (lines[j].Length > 0) counters++;
                j++;
            }

            if (counters < 2) continue;
            for (int k = i; k < j; k++) lines[k] = "";
            int q = i - 1;
            while (q >= 0 && lines[q].Length == 0) q--;
            if (q >= 0 && lines[q].EndsWith('?') && WordCount(lines[q]) <= 4) lines[q] = "";
            i = j;
        }
    }

    // "Ұнайды 0", "Like 12": a short line of words ending in a bare count.
    private static bool IsCounterLine(string line) => WordCount(line) <= 3 && CounterLine().IsMatch(line);

    private static void DropTrailingNavigation(List<string> lines)
    {
        int last = lines.Count - 1;
        while (last >= 0 && lines[last].Length == 0) last--;
        bool anySentence = lines.Any(l => WordCount(l) >= 8);
        while (anySentence && last >= 0 && (lines[last].Length == 0 || (WordCount(lines[last]) <= 4 && !EndsLikeSentence(lines[last]))))
        {
            lines[last] = "";
            last--;
        }
    }

    private static List<string> JoinWrappedLines(List<string> lines)
    {
        var paragraphs = new List<string>();
        string? current = null;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (current is not null) paragraphs.Add(current);
                current = null;
                continue;
            }

            // Inside one block, a line that stops mid-sentence and a next line that starts in lower case are one paragraph.
            if (current is not null && !EndsLikeSentence(current) && !LooksLikeHeading(current) && char.IsLower(FirstLetter(line)))
            {
                current += " " + line;
                continue;
            }

            if (current is not null) paragraphs.Add(current);
            current = line;
        }

        if (current is not null) paragraphs.Add(current);
        return paragraphs;
    }

    private static string CollapseSpaces(string line) => MultiSpace().Replace(line, " ");

    [GeneratedRegex(@"^\p{L}[\p{L}\s\-]*\s+\d+$")]
    private static partial Regex CounterLine();

    // "қаласы. Қала": a wrapped line of body text (PDF lines), not a title.
    [GeneratedRegex(@"\p{Ll}[.!?…]\s+\p{Lu}")]
    private static partial Regex InnerSentenceEnd();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex MultiSpace();

    // Past and auxiliary verb endings (болды, тағайындалды, етті, еді); possessives such as "сипаты" pass.
    [GeneratedRegex(@"(ды|ді|тті|пты|пті|кті|қты|сты|сті|шты|шті|еді|екен|ады|еді|йды|йді|мыз|міз|ған|ген|қан|кен)$")]
    private static partial Regex FiniteVerbEnding();
}
