using System.Text.Json;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// Which chunks of an import are already in the spool (a JSON file beside it). The spool sends them
/// whatever happens to the process, so an import killed and run again with the same arguments skips
/// them; a chunk cut off half-way is imported again, which the idempotent store absorbs.
/// </summary>
internal sealed class ImportCheckpoint
{
    private readonly string _path;
    private readonly State _state;

    private ImportCheckpoint(string path, State state) => (_path, _state) = (path, state);

    public int Done => _state.Chunks.Count;

    public static ImportCheckpoint Open(string directory, string key)
    {
        var path = Path.Combine(directory, "history-import.json");
        State? state = null;
        if (File.Exists(path))
        {
            state = JsonSerializer.Deserialize<State>(File.ReadAllText(path));
        }

        return new ImportCheckpoint(path, state is not null && state.Key == key ? state : new State { Key = key });
    }

    public bool IsDone(int chunk) => _state.Chunks.Contains(chunk);

    public void MarkDone(int chunk)
    {
        _state.Chunks.Add(chunk);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_state));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed class State
    {
        public string Key { get; set; } = "";

        public HashSet<int> Chunks { get; set; } = [];
    }
}
