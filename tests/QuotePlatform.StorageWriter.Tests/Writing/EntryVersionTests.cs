using QuotePlatform.Storage.Bars;

namespace QuotePlatform.StorageWriter.Tests.Writing;

public sealed class EntryVersionTests
{
    [Fact]
    public void Of_LaterEntryId_HigherVersion()
    {
        Assert.True(EntryVersion.Of("1700000000000-1") > EntryVersion.Of("1700000000000-0"));
        Assert.True(EntryVersion.Of("1700000000001-0") > EntryVersion.Of("1700000000000-4000000"));
    }

    [Fact]
    public void Of_SameId_SameVersion()
    {
        Assert.Equal((1700000000000UL << 22) | 7, EntryVersion.Of("1700000000000-7"));
    }
}
