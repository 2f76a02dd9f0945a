using QuotePlatform.Ingest.Batching;

namespace QuotePlatform.Ingest.Tests.Batching;

internal static class BatchBuilderExtensions
{
    /// <summary>Every batch sealed so far, oldest first.</summary>
    public static List<SealedBatch> TakeAll(this BatchBuilder builder)
    {
        var batches = new List<SealedBatch>();
        while (builder.TryTake(out var batch))
        {
            batches.Add(batch);
        }

        return batches;
    }
}
