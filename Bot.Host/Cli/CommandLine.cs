using System.CommandLine;
using System.CommandLine.Help;

namespace Bot.Host.Cli;

/// <summary>
/// The parsed command line (the contract in README.md, "Command line"): a verb, its flags, and configuration overrides
/// (--Section:Key=value, plus --knowledge and --index as shorthands). Parsed by System.CommandLine, which also writes
/// the help (--help, -h, help VERB) and --version; the contract's exit codes and one-line errors stay ours.
/// </summary>
public sealed record CommandLine(
    Verb? Verb,
    IReadOnlyList<string> Positional,
    bool Json,
    bool Full,
    string? File,
    int K,
    IReadOnlyDictionary<string, string?> Configuration)
{
    public static readonly IReadOnlyList<string> Verbs = [.. Enum.GetValues<Verb>().Select(Name)];

    /// <summary>A verb as it is typed: "ask".</summary>
    public static string Name(Verb verb) => verb.ToString().ToLowerInvariant();

    private static readonly IReadOnlyList<string> VerbsAndHelp = [.. Verbs, "help"];

    private static readonly HashSet<string> Global = ["--knowledge", "--index", "--help", "--version"];

    /// <summary>gaps --days: the period, 7 when not given.</summary>
    public int Days { get; init; } = Feedback.GapDays.Default;

    private static readonly Dictionary<string, string[]> ByVerb = new()
    {
        ["ask"] = ["--json", "--file"], ["index"] = ["--full", "--json"], ["eval"] = ["--k", "--json"], ["analyze"] = [], ["health"] = ["--json"], ["gaps"] = ["--days", "--json"], ["help"] = [],
    };

    /// <summary>
    /// Parses <paramref name="args"/>. A usage problem comes back as <paramref name="error"/> (one line); a request for
    /// help or the version as <paramref name="print"/>, which writes it. Relative paths given on the command line
    /// (--knowledge, --index, --file, eval's file) are made absolute against <paramref name="workingDirectory"/>: the
    /// directory the user ran the command in.
    /// </summary>
    public static CommandLine? Parse(string[] args, string workingDirectory, out string? error, out Action<TextWriter>? print)
    {
        error = null;
        print = null;
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>(args.Length);
        string? verb = null;
        for (int i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                rest.AddRange(args[i..]);
                break;
            }

            // --Section:Key=value is .NET configuration, not an option of ours.
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf(':') is > 2 and var colon && (arg.IndexOf('=') is var eq && (eq < 0 || eq > colon)))
            {
                if (eq < 0) { error = $"{arg}: write configuration keys as --Section:Key=value"; return null; }
                configuration[arg[2..eq]] = arg[(eq + 1)..];
                continue;
            }

            // Only our options start with --: anything else before a -- separator is a typo, never a question.
            if (verb is null && VerbsAndHelp.Contains(arg)) verb = arg;
            if (arg.StartsWith("--", StringComparison.Ordinal) && !Global.Contains(arg) && !(verb is not null && ByVerb[verb].Contains(arg)))
            {
                error = verb is null || !Global.Concat(ByVerb.Values.SelectMany(o => o)).Contains(arg)
                    ? $"unknown option {arg} (see --help)"
                    : $"{verb} has no option {arg} (see {verb} --help)";
                return null;
            }

            rest.Add(arg);
        }

        var syntax = new Syntax();
        var result = syntax.Root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });
        if (result.CommandResult.Command == syntax.Help)
        {
            // help VERB is VERB --help.
            var topic = result.GetValue(syntax.HelpTopic);
            if (topic is not null && !Verbs.Contains(topic))
            {
                error = $"unknown verb '{topic}' (verbs: {string.Join(", ", Verbs)})";
                return null;
            }

            result = syntax.Root.Parse(topic is null ? ["--help"] : [topic, "--help"]);
        }

        if (result.Action is HelpWithFooter || (result.Action is not null && result.Action == syntax.Root.Options.OfType<VersionOption>().Single().Action))
        {
            var shown = result;
            print = output => shown.Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
            return null;
        }

        if (result.Errors.Count > 0)
        {
            var first = result.Errors[0].Message;
            var unmatched = result.UnmatchedTokens.FirstOrDefault();
            if (result.CommandResult.Command == syntax.Root && unmatched is not null && !unmatched.StartsWith('-'))
                error = $"unknown verb '{unmatched}' (verbs: {string.Join(", ", Verbs)}; see --help)";
            else if (unmatched is not null && unmatched.StartsWith('-'))
                error = $"unknown option {unmatched} (see {HelpFor(result.CommandResult.Command)})";
            else
                error = $"{first.TrimEnd('.')} (see {HelpFor(result.CommandResult.Command)})";
            return null;
        }

        var command = result.CommandResult.Command;
        verb = command == syntax.Root ? null : command.Name;
        string Absolute(string path) => Path.GetFullPath(path, workingDirectory);
        if (result.GetValue(syntax.Knowledge) is { } knowledge) configuration["Knowledge:Folder"] = Absolute(knowledge);
        if (result.GetValue(syntax.Index) is { } index) configuration["Index:Embedded:Path"] = Absolute(index);

        Verb? parsed = verb is null ? null : Enum.GetValues<Verb>().Single(v => Name(v) == verb);
        var positional = parsed switch
        {
            Cli.Verb.Ask => result.GetValue(syntax.Question) ?? [],
            Cli.Verb.Analyze => result.GetValue(syntax.Text) ?? [],
            Cli.Verb.Eval => result.GetValue(syntax.EvalFile) is { } f ? [Absolute(f)] : [],
            _ => [],
        };
        var file = result.GetValue(syntax.File) is { } askFile ? Absolute(askFile) : null;
        bool json = parsed switch
        {
            Cli.Verb.Ask => result.GetValue(syntax.AskJson),
            Cli.Verb.Index => result.GetValue(syntax.IndexJson),
            Cli.Verb.Eval => result.GetValue(syntax.EvalJson),
            Cli.Verb.Health => result.GetValue(syntax.HealthJson),
            Cli.Verb.Gaps => result.GetValue(syntax.GapsJson),
            _ => false,
        };

        if (parsed == Cli.Verb.Ask && positional.Length == 0 && file is null) { error = "ask needs a question: ask \"QUESTION\" or ask --json --file FILE.jsonl (see ask --help)"; return null; }
        if (parsed == Cli.Verb.Ask && file is not null && !json) { error = "ask --file needs --json (see ask --help)"; return null; }
        if (parsed == Cli.Verb.Ask && file is not null && positional.Length > 0) { error = "ask takes a question or --file, not both (see ask --help)"; return null; }
        return new CommandLine(parsed, positional, json, result.GetValue(syntax.Full), file, result.GetValue(syntax.K), configuration)
        {
            Days = result.GetValue(syntax.Days),
        };
    }

    private static string HelpFor(Command command) => command is RootCommand ? "--help" : $"{command.Name} --help";

    private static string Version()
    {
        var assembly = typeof(CommandLine).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return $"Bot.Host {informational ?? assembly.GetName().Version?.ToString() ?? "unknown"}";
    }

    /// <summary>The verbs and options, with the descriptions, examples and exit codes the help shows.</summary>
    private sealed class Syntax
    {
        public readonly RootCommand Root = new(
            "ChatBot: answers questions in Kazakh over a folder of documents, citing the passages it used.\n" +
            "With no verb it runs the bot: the Telegram worker when Telegram:BotToken is set, otherwise a console chat.");

        public readonly Option<string> Knowledge = new("--knowledge") { Description = "The documents folder (default: Knowledge:Folder, knowledge/).", HelpName = "DIR", Recursive = true };
        public readonly Option<string> Index = new("--index") { Description = "The embedded index file (default: Index:Embedded:Path, data/index.db).", HelpName = "PATH", Recursive = true };
        public readonly Argument<string[]> Question = new("question") { Description = "The question, in Kazakh (Cyrillic or Latin) or Russian.", Arity = ArgumentArity.ZeroOrMore };
        public readonly Option<bool> AskJson = new("--json") { Description = "Print one JSON object (README.md, \"Command line\") instead of text." };
        public readonly Option<string> File = new("--file") { Description = "Answer every line of a JSONL file ({\"id\":…,\"question\":…}); blank lines are skipped. Needs --json.", HelpName = "FILE.jsonl" };
        public readonly Option<bool> Full = new("--full") { Description = "Rebuild the index from scratch, with the current settings." };
        public readonly Option<bool> IndexJson = new("--json") { Description = "Print the counts as one JSON object." };
        public readonly Argument<string> EvalFile = new("file") { Description = "An evaluation file (eval/README.md): one JSON question per line.", HelpName = "FILE.jsonl" };
        public readonly Option<int> K = new("--k") { Description = "The cut-off of the ranking metrics (1–100).", DefaultValueFactory = _ => 10 };
        public readonly Option<bool> EvalJson = new("--json") { Description = "Print the metrics as one JSON object." };
        public readonly Argument<string[]> Text = new("text") { Description = "The text to analyse.", Arity = ArgumentArity.OneOrMore };
        public readonly Option<bool> HealthJson = new("--json") { Description = "Print the report as one JSON object." };
        public readonly Option<int> Days = new("--days") { Description = "The period, in days (1–366).", DefaultValueFactory = _ => Feedback.GapDays.Default };
        public readonly Option<bool> GapsJson = new("--json") { Description = "Print the groups as one JSON object." };
        public readonly Argument<string?> HelpTopic = new("verb") { Description = "The verb to explain.", Arity = ArgumentArity.ZeroOrOne };
        public readonly Command Help = new("help", "Show this help, or a verb's.");

        private readonly Dictionary<Command, string> examples = [];

        public Syntax()
        {
            K.Validators.Add(r =>
            {
                if (r.Tokens.Count == 0) return; // the default
                if (r.Tokens is not [var token] || !int.TryParse(token.Value, out var k) || k is < 1 or > 100) r.AddError("--k needs a number from 1 to 100");
            });
            Root.SetAction(_ => 0); // no verb: the bot, which Program runs
            Root.Options.Add(Knowledge);
            Root.Options.Add(Index);
            Root.Directives.Clear();
            Add(new Command("ask", "Answer one question (or a JSONL file of them) and print the answer with its numbered sources.") { Question, AskJson, File },
                "ask \"Түрксіб темір жолының жалпы ұзындығы қанша?\"\n" +
                "ask --json \"Турксиб курылысына канша адам тартылды?\"\n" +
                "ask --json --file questions.jsonl > answers.jsonl");
            Add(new Command("index", "Bring the index up to date with the knowledge folder and print the counts.") { Full, IndexJson },
                "index\nindex --full --Analysis:Stem=false --index data/nostem.db");
            Add(new Command("eval", "Run an evaluation file and print Recall@k, MRR, nDCG, answer hits, abstention and latency.") { EvalFile, K, EvalJson },
                "eval eval/seed-dev.jsonl\neval eval/seed-dev.jsonl --k 5 --json");
            Add(new Command("analyze", "Show what the analyzer makes of a text and how often the index holds each term.") { Text },
                "analyze \"Түрксіб құрылысы\"");
            Add(new Command("health", "Check the index, the embeddings and the configured services; exit 0 healthy, 1 not.") { HealthJson },
                "health\nhealth --json");
            Days.Validators.Add(r =>
            {
                if (r.Tokens.Count == 0) return;
                if (r.Tokens is not [var token] || !Feedback.GapDays.TryParse(token.Value, out _)) r.AddError("--days needs a number from 1 to 366");
            });
            Add(new Command("gaps", "What users could not get: questions not found, unsure answers and 👎'd ones, grouped, most frequent first.") { Days, GapsJson },
                "gaps\ngaps --days 30 --json");
            Help.Arguments.Add(HelpTopic);
            Root.Subcommands.Add(Help);
            examples[Root] =
                "(no verb)                      run the bot (console chat without a Telegram token)\n" +
                "ask \"QUESTION\"                 answer one question\n" +
                "help ask                       the options of one verb\n" +
                "--Search:TopK=5 ask \"…\"        any configuration key, as --Section:Key=value";

            var help = Root.Options.OfType<HelpOption>().Single();
            help.Action = new HelpWithFooter((HelpAction)help.Action!, WriteFooter);
        }

        private void Add(Command command, string example)
        {
            Root.Subcommands.Add(command);
            examples[command] = example;
        }

        private void WriteFooter(Command command, TextWriter output)
        {
            if (examples.TryGetValue(command, out var example))
            {
                output.WriteLine("Examples (after `dotnet run --project Bot.Host --`, or the published `Bot.Host`):");
                foreach (var line in example.Split('\n')) output.WriteLine("  " + line);
                output.WriteLine();
            }

            output.WriteLine("Configuration: any key of appsettings.json as --Section:Key=value (README, Configuration).");
            output.WriteLine("Relative paths on the command line are relative to the directory you run it in.");
            output.WriteLine();
            output.WriteLine("Exit codes:");
            output.WriteLine("  0  success (an answer of \"not found\" is a success)");
            output.WriteLine("  1  anything else: bad configuration, a missing knowledge folder, a damaged index or inbox");
            output.WriteLine("  2  bad arguments, with one line on stderr");
            if (command is RootCommand)
                output.WriteLine("  3  the Telegram token was rejected (the bot does not retry)");
        }
    }

    /// <summary>System.CommandLine's help, then our examples and exit codes (its layout builder is not public).</summary>
    private sealed class HelpWithFooter(HelpAction help, Action<Command, TextWriter> footer) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            footer(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }
}
