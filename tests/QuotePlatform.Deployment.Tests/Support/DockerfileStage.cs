namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>One FROM ... AS name stage of the Dockerfile and its instructions (continuation lines joined).</summary>
internal sealed record DockerfileStage(string Name, string BaseImage, IReadOnlyList<string> Instructions)
{
    public IEnumerable<string> Of(string keyword) =>
        Instructions.Where(i => i.StartsWith(keyword + " ", StringComparison.Ordinal)).Select(i => i[(keyword.Length + 1)..].Trim());
}
