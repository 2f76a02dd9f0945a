namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>Tests that drive the simulator run one at a time: it is one module in one interpreter.</summary>
[CollectionDefinition(Name)]
public sealed class PythonCollection : ICollectionFixture<PythonFixture>
{
    public const string Name = "CPython";
}
