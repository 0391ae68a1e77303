namespace Bot.Retrieval.Answering;

/// <summary>What a question word asks for.</summary>
public enum QuestionKind
{
    Any,
    Date,
    Number,
    Ordinal,
    Person,
    PlaceOrName,
}
