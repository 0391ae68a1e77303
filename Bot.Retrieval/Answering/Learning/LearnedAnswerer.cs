using Bot.Retrieval.Search;
using Bot.Retrieval.Text;

namespace Bot.Retrieval.Answering.Learning;

/// <summary>
/// An extractive answerer whose choices are learned (<see cref="AnswererModel"/>, trained on kazqad-tune and seed-dev):
/// the sentence of the top passages the model ranks most likely to hold the answer, carrying the [n] of its passage,
/// and a second sentence only when it is the one right after the first and ranked next (an answer that runs on after a
/// pronoun). With <paramref name="learnedRefusal"/> a second model decides whether to answer at all; without it the
/// retrieval's relevance gate (Search:MinRelevance) does, as for <see cref="ExtractiveAnswerer"/>.
/// Measured in `Bot.Bench -- answers` and not the bot's answerer: on KazQAD it does not beat ExtractiveAnswerer yet
/// (README, "Answers on KazQAD").
/// </summary>
public sealed class LearnedAnswerer(KazakhAnalyzer analyzer, AnswererModel? model = null, bool learnedRefusal = false) : IAnswerer
{
    private const int MaxAnswerChars = 400;

    private readonly AnswererModel model = model ?? AnswererModel.Shipped;

    public Task<Answer> AnswerAsync(SearchResult search, CancellationToken cancellationToken = default)
    {
        if (search.Hits.Count == 0 || !learnedRefusal && !search.Relevant) return Task.FromResult(Answer.NotFound(search));
        var candidates = SentenceFeatures.For(analyzer, search).Where(c => !SentenceFeatures.IsHeadingOrMarkup(c.Text)).ToList();
        if (candidates.Count == 0) return Task.FromResult(Answer.NotFound(search));
        var ranked = model.Rank(candidates);
        if (learnedRefusal && model.AnswerProbability(model.AnswerFeaturesOf(search, ranked)) < model.AnswerThreshold) return Task.FromResult(Answer.NotFound(search));

        var chosen = new List<SentenceCandidate> { ranked[0].Candidate };
        if (ranked.Count > 1 && ranked[1].Candidate.Hit == ranked[0].Candidate.Hit && ranked[1].Candidate.Order == ranked[0].Candidate.Order + 1 &&
            ranked[0].Candidate.Text.Length + ranked[1].Candidate.Text.Length <= MaxAnswerChars)
            chosen.Add(ranked[1].Candidate);
        return Task.FromResult(Compose(chosen, search));
    }

    private static Answer Compose(List<SentenceCandidate> chosen, SearchResult search)
    {
        var citations = new List<Citation>();
        var parts = new List<string>();
        foreach (var sentence in chosen)
        {
            var hit = sentence.Hit;
            var citation = citations.FirstOrDefault(c => c.ChunkId == hit.Chunk.Id);
            if (citation is null)
            {
                citation = new Citation(citations.Count + 1, hit.Chunk.DocumentId, hit.Chunk.Id, hit.Chunk.Title, hit.Chunk.Section,
                    hit.Chunk.Location, hit.Chunk.Text, Math.Round(hit.Relevance, 3));
                citations.Add(citation);
            }

            parts.Add(sentence.Text.Trim());
        }

        // One marker, after the last sentence: the sentences come from one passage.
        var text = string.Join(" ", parts);
        return new Answer(true, WithMarker(text, citations[^1].N), citations, search);
    }

    // "… 1445 километрге жетті." → "… 1445 километрге жетті [1]." (the marker goes before the closing punctuation).
    private static string WithMarker(string sentence, int n)
    {
        int end = sentence.Length;
        while (end > 0 && sentence[end - 1] is '.' or '!' or '?' or '…') end--;
        if (end == 0) return $"{sentence} [{n}]";
        var tail = sentence[end..];
        return $"{sentence[..end]} [{n}]{(tail.Length == 0 ? "." : tail)}";
    }
}
