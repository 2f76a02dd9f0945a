using System.Globalization;
using System.Text.RegularExpressions;

namespace QuotePlatform.ClickHouseLocal.Engine;

/// <summary>
/// An error in ClickHouse's own shape: a numeric code and the text "Code: N. DB::Exception: ... (NAME)",
/// which is what the HTTP interface returns and what ClickHouse.Driver parses.
/// </summary>
internal sealed partial class ClickHouseException : Exception
{
    public ClickHouseException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Code { get; }

    /// <summary>Builds an error the endpoint raises itself, worded like the engine's.</summary>
    public static ClickHouseException Create(ClickHouseErrorCode code, string message) =>
        new((int)code, string.Create(CultureInfo.InvariantCulture,
            $"Code: {(int)code}. DB::Exception: {message}. ({ErrorName(code)})"));

    /// <summary>Wraps the engine's error text, taking the code from its "Code: N." prefix.</summary>
    public static ClickHouseException FromEngine(string text)
    {
        var match = CodePrefix().Match(text);
        var code = match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int)ClickHouseErrorCode.UnknownException;
        return match.Success
            ? new ClickHouseException(code, text)
            : Create(ClickHouseErrorCode.UnknownException, text.TrimEnd('.'));
    }

    private static string ErrorName(ClickHouseErrorCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    [GeneratedRegex(@"^Code: (\d+)\.")]
    private static partial Regex CodePrefix();
}
