using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using QuotePlatform.Query.Api;

namespace QuotePlatform.Query.Bars;

/// <summary>
/// Opaque continuation: the position to resume from plus a checksum of the request it belongs to,
/// so a token replayed against another symbol, period or range is refused instead of silently
/// answering the wrong page. Resuming by key (not offset) keeps pages exact while bars arrive.
/// </summary>
internal static class PageToken
{
    public static string Create(string request, string position)
    {
        var text = $"{Checksum(request):x16}|{position}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Null for an empty token; else the position, or INVALID_ARGUMENT.</summary>
    public static string? Read(string token, string request)
    {
        if (token.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw Refused();
        }

        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (separator != 16 || !string.Equals(text[..16], Checksum(request).ToString("x16", null), StringComparison.Ordinal))
        {
            throw Refused();
        }

        return text[(separator + 1)..];
    }

    private static ulong Checksum(string request) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(request)));

    private static global::Grpc.Core.RpcException Refused() =>
        RequestErrors.Invalid("page_token does not belong to this request: pass next_page_token of the previous answer with the same other fields, or none for the first page");
}
