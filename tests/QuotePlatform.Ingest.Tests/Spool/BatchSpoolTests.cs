using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Spool;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Spool;

public sealed class BatchSpoolTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SpoolDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Append_FreshSpool_ConsecutiveSequencesFromTheStartTimeReadableByPosition()
    {
        var before = (ulong)TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        using var spool = _directory.Open();

        var sequences = new List<ulong>();
        for (var i = 1; i <= 3; i++)
        {
            sequences.Add(await spool.AppendAsync(SpoolDirectory.Batch(i), new ResumePoint(7, i, 0), CancellationToken.None));
        }

        Assert.InRange(sequences[0], before, before + 60_000_000);
        Assert.Equal([sequences[0], sequences[0] + 1, sequences[0] + 2], sequences);
        var second = await spool.ReadAsync(spool.FirstUnackedPosition + 1, CancellationToken.None);
        var request = PublishRequest.Parser.ParseFrom(spool.PayloadOf(second));
        Assert.Equal((sequences[1], sequences[1], 2), (second.Sequence, request.Sequence, request.Bars.Count));
    }

    [Fact]
    public void Open_DirectoryIsAFile_RefusedWithTheDirectoryNamed()
    {
        var file = Path.Combine(_directory.Path, "not-a-directory");
        File.WriteAllText(file, "x");

        var refused = Assert.Throws<InvalidOperationException>(() => BatchSpool.Open(
            new SpoolOptions { Directory = file }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<BatchSpool>.Instance));

        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(refused.InnerException);
    }

    [Fact]
    public async Task Reopen_AfterCleanClose_UnackedResentFromDiskAndSequencesContinue()
    {
        var sequences = new List<ulong>();
        using (var spool = _directory.Open())
        {
            for (var i = 0; i < 5; i++)
            {
                sequences.Add(await spool.AppendAsync(SpoolDirectory.Batch(2), new ResumePoint(7, i, 4), CancellationToken.None));
            }

            spool.Ack(sequences[0]);
            spool.Ack(sequences[1]);
            spool.Ack(sequences[3]); // out of order: the third is still owed, so it and the fourth stay
        }

        using var reopened = _directory.Open();

        Assert.Equal(3, reopened.UnackedBatches);
        var first = await reopened.ReadAsync(reopened.FirstUnackedPosition, CancellationToken.None);
        Assert.Equal(sequences[2], first.Sequence);
        Assert.Equal(sequences[2], PublishRequest.Parser.ParseFrom(reopened.PayloadOf(first)).Sequence);
        Assert.Equal(new ResumePoint(7, 4, 4), reopened.Resume);
        Assert.Equal(sequences[4] + 1, await reopened.AppendAsync(SpoolDirectory.Batch(1), new ResumePoint(7, 5, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Reopen_EverythingAckedAndSegmentsDeleted_SequenceCounterAndResumePointSurvive()
    {
        ulong last = 0;
        using (var spool = _directory.Open(segmentBytes: 4096))
        {
            for (var i = 1; i <= 40; i++)
            {
                last = await spool.AppendAsync(SpoolDirectory.Batch(20), new ResumePoint(9, i, 3), CancellationToken.None);
                spool.Ack(last);
            }

            Assert.Equal(0, spool.UnackedBatches);
        }

        Assert.True(Directory.GetFiles(_directory.Path, "segment-*").Length <= 2, "acknowledged segments are deleted");
        using var reopened = _directory.Open();

        Assert.Equal(0, reopened.UnackedBatches);
        Assert.Equal(new ResumePoint(9, 40, 3), reopened.Resume);
        Assert.Equal(last + 1, await reopened.AppendAsync(SpoolDirectory.Batch(1), ResumePoint.None, CancellationToken.None));
    }

    [Fact]
    public async Task Reopen_AfterCrashWithTornLastRecord_TailCutEarlierKeptAndSequencesSkipAhead()
    {
        ulong last;
        using (var spool = _directory.Open())
        {
            await spool.AppendAsync(SpoolDirectory.Batch(3), new ResumePoint(1, 0, 3), CancellationToken.None);
            last = await spool.AppendAsync(SpoolDirectory.Batch(3), new ResumePoint(1, 1, 3), CancellationToken.None);
        }

        // A crash: no clean-close marker, and half of a third record written.
        File.Delete(Path.Combine(_directory.Path, "clean"));
        var segment = Directory.GetFiles(_directory.Path, "segment-*").Single();
        var length = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(File.ReadAllBytes(segment).AsSpan(0, (int)(length / 2) - 7));
        }

        using var reopened = _directory.Open();

        Assert.Equal(2, reopened.UnackedBatches);
        Assert.Equal(length, new FileInfo(segment).Length);
        Assert.Equal(new ResumePoint(1, 1, 3), reopened.Resume);
        Assert.Equal(last + 1 + BatchSpool.UncleanGap, await reopened.AppendAsync(SpoolDirectory.Batch(1), ResumePoint.None, CancellationToken.None));
    }

    [Fact]
    public async Task Append_PastTheByteCap_WaitsUntilAcksFreeATenthOfTheCapAndCountsTheEpisode()
    {
        using var spool = _directory.Open(maxBytes: 1L << 16);
        var batch = SpoolDirectory.Batch(400);
        var sequences = new List<ulong>();
        while (spool.UnackedBytes + batch.CalculateSize() + 64 <= 1L << 16)
        {
            sequences.Add(await spool.AppendAsync(batch.Clone(), ResumePoint.None, CancellationToken.None));
        }

        var blocked = spool.AppendAsync(batch.Clone(), ResumePoint.None, CancellationToken.None).AsTask();
        await Poll.UntilAsync(() => spool.BackPressureWaits == 1, Patience, "the append past the cap reached the wait for room");

        Assert.False(blocked.IsCompleted, "the append past the cap must wait");
        Assert.True(spool.IsFull);
        spool.Ack(sequences[0]);
        spool.Ack(sequences[1]);
        await blocked.WaitAsync(Patience);
        Assert.False(spool.IsFull);
        Assert.Equal(1, spool.BackPressureWaits);
    }

    [Fact]
    public async Task ReadAsync_NothingAppendedYet_CompletesWhenABatchArrives()
    {
        using var spool = _directory.Open(fsync: FsyncPolicy.Never);
        var reading = spool.ReadAsync(spool.FirstUnackedPosition, CancellationToken.None).AsTask();

        var appended = await spool.AppendAsync(SpoolDirectory.Batch(1), ResumePoint.None, CancellationToken.None);

        Assert.Equal(appended, (await reading.WaitAsync(Patience)).Sequence);
    }
}
