using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Spool;

namespace QuotePlatform.Ingest.Batching;

/// <summary>A closed batch (not yet numbered: the spool does that) and how far the source's output it covers.</summary>
public sealed record SealedBatch(PublishRequest Request, ResumePoint Position, int FinalBars, int FormingBars);
