using System.Text;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>ClickHouse literal and identifier quoting for the statements the endpoint writes itself.</summary>
internal static class SqlQuoting
{
    public static string Identifier(string name) => Quote(name, '`');

    public static string String(string value) => Quote(value, '\'');

    private static string Quote(string text, char quote)
    {
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            if (c == quote || c == '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(quote).ToString();
    }
}
