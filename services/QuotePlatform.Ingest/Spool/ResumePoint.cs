namespace QuotePlatform.Ingest.Spool;

/// <summary>
/// How far a deterministic source's output is already in the spool: every engine output (bar or
/// quote) of the steps before <see cref="Step"/>, and the first <see cref="Output"/> of that step.
/// A step is one push, or the final flush. <see cref="SourceHash"/> names the input (0: a live source).
/// </summary>
public readonly record struct ResumePoint(ulong SourceHash, long Step, int Output)
{
    public static ResumePoint None { get; } = new(0, -1, 0);

    /// <summary>True when the output numbered <paramref name="output"/> (1-based) of the step was spooled already.</summary>
    public bool Covers(long step, int output) => step < Step || (step == Step && output <= Output);
}
