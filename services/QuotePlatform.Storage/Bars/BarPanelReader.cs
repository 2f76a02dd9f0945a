using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ClickHouse.Driver;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Bars;

/// <summary>
/// Reads the bars of many symbols over a range with one statement (FINAL, as every reader must) and
/// hands them on in blocks of columns while the answer arrives. The answer is read as RowBinary and
/// decoded here, without a boxed value per field: a whole-market day is about 1.25 M rows.
/// </summary>
public sealed class BarPanelReader(IClickHouseClient client)
{
    // symbol (String: a length, then bytes), then fixed-size fields: frame, open, high, low, close,
    // volume, amount (8 bytes each) and quality (4).
    private const int FixedBytes = (7 * 8) + 4;

    /// <summary>
    /// Bars with <paramref name="fromUnixMs"/> &lt;= frame &lt; <paramref name="toUnixMs"/> of the
    /// symbols given (null: every symbol), by symbol then frame, in blocks of at most
    /// <paramref name="blockSize"/> bars.
    /// </summary>
    public async IAsyncEnumerable<BarBlock> ReadAsync(
        IReadOnlyCollection<string>? symbols, BarPeriod period, long fromUnixMs, long toUnixMs, int blockSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        using var result = await client.ExecuteRawResultAsync(Sql(symbols, period, fromUnixMs, toUnixMs), BarReader.FinalRead, cancellationToken);
        await using var stream = await result.ReadAsStreamAsync();
        var input = new RowBinaryInput(stream);
        var block = new BarBlock(blockSize);
        var symbol = "";
        var symbolBytes = Array.Empty<byte>();
        while (await input.EnsureAsync(1, cancellationToken))
        {
            var length = input.Take(1)[0];
            if (length > 127 || !await input.EnsureAsync(length + FixedBytes, cancellationToken))
            {
                throw new InvalidDataException($"the bars answer broke off or holds a symbol of {length} bytes (after {symbol})");
            }

            var row = input.Take(length + FixedBytes);
            if (!row[..length].SequenceEqual(symbolBytes))
            {
                symbolBytes = row[..length].ToArray();
                symbol = Encoding.UTF8.GetString(symbolBytes);
            }

            block.StartSymbol(symbol);
            var fields = row[length..];
            block.Add(
                BinaryPrimitives.ReadInt64LittleEndian(fields),
                BinaryPrimitives.ReadDoubleLittleEndian(fields[8..]),
                BinaryPrimitives.ReadDoubleLittleEndian(fields[16..]),
                BinaryPrimitives.ReadDoubleLittleEndian(fields[24..]),
                BinaryPrimitives.ReadDoubleLittleEndian(fields[32..]),
                BinaryPrimitives.ReadInt64LittleEndian(fields[40..]),
                BinaryPrimitives.ReadDoubleLittleEndian(fields[48..]),
                BinaryPrimitives.ReadUInt32LittleEndian(fields[56..]));
            if (block.Count == blockSize)
            {
                yield return block;
                block = new BarBlock(blockSize);
            }
        }

        if (block.Count > 0)
        {
            yield return block;
        }
    }

    /// <summary>
    /// Values go into the statement as literals: the raw result takes no parameters, and the
    /// statement travels in the request body, so a whole market's symbol list fits. Symbols are
    /// checked codes (digits, '.', letters), so quoting them cannot change the statement.
    /// </summary>
    private static string Sql(IReadOnlyCollection<string>? symbols, BarPeriod period, long fromUnixMs, long toUnixMs)
    {
        var symbolCondition = "";
        if (symbols is not null)
        {
            foreach (var symbol in symbols)
            {
                if (!SymbolCode.IsValid(symbol))
                {
                    throw new ArgumentException($"not a symbol code: '{symbol}'", nameof(symbols));
                }
            }

            symbolCondition = $"AND symbol IN ({string.Join(',', symbols.Select(s => $"'{s}'"))})";
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            SELECT symbol, toUnixTimestamp64Milli(frame), open, high, low, close, volume_shares, amount_cny, quality_flags
            FROM {TableNames.Bars} FINAL
            WHERE period = {(byte)period}
              AND frame >= fromUnixTimestamp64Milli({fromUnixMs}, 'UTC')
              AND frame < fromUnixTimestamp64Milli({toUnixMs}, 'UTC')
              {symbolCondition}
            ORDER BY symbol, frame
            FORMAT RowBinary
            """);
    }
}
