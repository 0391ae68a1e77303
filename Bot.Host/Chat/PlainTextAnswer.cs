using System.Text;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;

namespace Bot.Host.Chat;

/// <summary>
/// An answer as plain text for a terminal: the short answer when there is one, the answer, then the numbered sources; a
/// "not found" with the closest sentence under it when there was one.
/// </summary>
public static class PlainTextAnswer
{
    public static string Format(AnswerResult result, KnowledgeOptions options)
    {
        var sb = new StringBuilder();
        if (result.Truncated) sb.AppendLine(Messages.QuestionTruncated(options.MaxQuestionChars));
        if (result.ReadAsRussian) sb.AppendLine(Messages.ReadAsRussian);
        var answer = result.Answer;
        if (!answer.Found)
        {
            sb.Append(Messages.NotFound);
            // The closest sentence, said to be no more than that, with its source.
            if (answer.Nearest is { } near)
                sb.AppendLine().AppendLine(Messages.Nearest).AppendLine(near.Text).AppendLine().AppendLine(Messages.Sources).Append(Messages.SourceLine(near.Citation));
            return sb.ToString();
        }

        if (answer.ShortAnswer is { } brief) sb.AppendLine(brief); // the span that answers the question word, first
        sb.AppendLine(answer.Text).AppendLine().AppendLine(Messages.Sources);
        foreach (var c in answer.Citations) sb.AppendLine(Messages.SourceLine(c));

        return sb.ToString().TrimEnd();
    }
}
