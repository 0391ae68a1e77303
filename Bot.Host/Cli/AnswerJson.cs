using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Host.Formatting;
using Bot.Host.Knowledge;

namespace Bot.Host.Cli;

/// <summary>
/// The `ask --json` object of the command-line contract. Fields are only ever added. The id is the input line's own JSON
/// value, so 7 stays a number and "d01" a string.
/// </summary>
public sealed record AnswerJson(
    JsonElement? Id, string Question, bool Found, string Answer, IReadOnlyList<CitationJson> Citations, IReadOnlyList<RetrievedJson> Retrieved,
    TimingsJson Timings, string? Notice, string? ShortAnswer = null, string QuestionLanguage = "kk", string? SearchedAs = null,
    NearestJson? Nearest = null)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AnswerJson From(JsonElement? id, string question, AnswerResult result, KnowledgeOptions options)
    {
        var answer = result.Answer;
        return new AnswerJson(
            id,
            question,
            answer.Found,
            answer.Found ? answer.Text : Messages.NotFound,
            answer.Citations.Select(Cite).ToList(),
            answer.Search.Hits.Take(10).Select(h => new RetrievedJson(h.Rank, h.Chunk.DocumentId, h.Chunk.Id, Math.Round(h.Score, 4), h.Chunk.Text, Math.Round(h.Relevance, 3))).ToList(),
            new TimingsJson(Math.Round(result.RetrieveMs, 2), Math.Round(result.AnswerMs, 2), Math.Round(result.TotalMs, 2)),
            result.Truncated ? Messages.QuestionTruncated(options.MaxQuestionChars) : null,
            answer.Found ? answer.ShortAnswer : null,
            result.ReadAsRussian ? "ru" : "kk",
            result.SearchedAs,
            answer is { Found: false, Nearest: { } near } ? new NearestJson(near.Text, Cite(near.Citation)) : null);
    }

    private static CitationJson Cite(Bot.Retrieval.Answering.Citation c) => new(c.N, c.DocumentId, c.Title, c.Section, Places.Describe(c.Place), c.Text, c.Score);

    public string Serialize() => JsonSerializer.Serialize(this, Options);
}
