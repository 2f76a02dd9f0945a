using System.Text.RegularExpressions;

namespace QuotePlatform.Deployment.Tests.Support;

/// <summary>The repository's Dockerfile, read stage by stage.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>Stages that are images to run: they have an ENTRYPOINT.</summary>
    public IReadOnlyList<string> Targets => Stages.Where(s => s.Of("ENTRYPOINT").Any()).Select(s => s.Name).ToList();

    public DockerfileStage Stage(string name) => Stages.Single(s => s.Name == name);

    public static Dockerfile Load()
    {
        var text = File.ReadAllText(Repository.PathOf("Dockerfile"));
        var instructions = text.Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));
        var stages = new List<DockerfileStage>();
        foreach (var instruction in instructions)
        {
            var from = FromLine().Match(instruction);
            if (from.Success)
            {
                stages.Add(new DockerfileStage(from.Groups[2].Value, from.Groups[1].Value, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, WhitespaceRun().Replace(instruction, " ")] };
            }
        }

        return new Dockerfile(stages);
    }

    [GeneratedRegex(@"^FROM\s+(\S+)\s+AS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
