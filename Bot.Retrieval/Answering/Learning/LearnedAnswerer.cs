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
internal sealed class LearnedAnswerer(KazakhAnalyzer analyzer, AnswererModel? model = null, bool learnedRefusal = false) : IAnswerer
{
    private const int MaxAnswerChars = 400;

    private readonly AnswererModel model = model ?? AnswererModel.Shipped;

    public Task<Answer> AnswerAsync(SearchResult search, CancellationToken cancellationToken = default)
    {
        if (search.Hits.Count == 0 || !learnedRefusal && !search.Relevant) return Task.FromResult(Answer.NotFound(search));
        var candidates = SentenceFeatures.Quotable(analyzer, search);
        if (candidates.Count == 0) return Task.FromResult(Answer.NotFound(search));
        var ranked = model.Rank(candidates);
        if (learnedRefusal && model.AnswerProbability(model.AnswerFeaturesOf(search, ranked)) < model.AnswerThreshold) return Task.FromResult(Answer.NotFound(search));

        var chosen = new List<SentenceCandidate> { ranked[0].Candidate };
        if (ranked.Count > 1 && ranked[1].Candidate.Hit == ranked[0].Candidate.Hit && ranked[1].Candidate.Order == ranked[0].Candidate.Order + 1 &&
            ranked[0].Candidate.Text.Length + ranked[1].Candidate.Text.Length <= MaxAnswerChars)
            chosen.Add(ranked[1].Candidate);
        return Task.FromResult(ExtractiveAnswerer.Compose(chosen.Select(c => (c.Hit, c.Text)), search));
    }
}
