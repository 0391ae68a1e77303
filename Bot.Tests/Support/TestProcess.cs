using System.Runtime.CompilerServices;

namespace Bot.Tests.Support;

internal static class TestProcess
{
    /// <summary>
    /// The test process hosts several bots at once (in-process Telegram workers and verbs) beside CPU-bound tests (the
    /// answerer's training fits on the thread pool). With the pool's default minimum of one thread a core, a bot's
    /// continuations could wait for the pool to grow, a second at a time, and its latency checks measure that instead:
    /// the pool starts with enough threads for them.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
