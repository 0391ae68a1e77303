namespace Bot.Host.Cli;

/// <summary>The command line's verbs (README.md, "Command line"); none at all runs the bot.</summary>
public enum Verb
{
    Ask,
    Index,
    Eval,
    Analyze,
    Health,
    Gaps,
}
