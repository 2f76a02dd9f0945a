using System.Text;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.TickSources;
using Xunit;

namespace QuotePlatform.TickSources.Tests;

public sealed class JsonLineReaderTests
{
    private static List<string> ReadAll(string text)
    {
        var reader = new JsonLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("", new string[0])]
    public void TryReadLine_Text_SplitsOnNewlines(string text, string[] expected)
    {
        Assert.Equal(expected, ReadAll(text));
    }

    [Fact]
    public void TryReadLine_LineLongerThanBuffer_ReturnedWhole()
    {
        var longLine = new string('x', 3 << 20);

        Assert.Equal([longLine, "tail"], ReadAll(longLine + "\ntail\n"));
    }
}
