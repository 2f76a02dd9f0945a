using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ClickHouse.Driver;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Symbols;
using QuotePlatform.Storage.Schema;

namespace QuotePlatform.Storage.Bars;

/// <summary>
/// Reads the bars of many symbols over a range with one statement (FINAL, as every reader must) and
/// hands them on in blocks of columns while the answer arrives. The answer comes in ClickHouse's
/// Native format, column by column in blocks, every column fixed-width (the symbol as FixedString),
/// so each column of a block is copied as a whole: a whole-market day is about 1.25 M rows, and
/// the engine also writes Native faster than a row format.
/// </summary>
public sealed class BarPanelReader(IClickHouseClient client)
{
    // The statement's columns in order: name, type as Native names it, bytes per value.
    private static readonly (string Name, string Type, int Size)[] Columns =
    [
        ("code", $"FixedString({SymbolCode.Length})", SymbolCode.Length),
        ("frame_ms", "Int64", 8),
        ("open", "Float64", 8),
        ("high", "Float64", 8),
        ("low", "Float64", 8),
        ("close", "Float64", 8),
        ("volume_shares", "Int64", 8),
        ("amount_cny", "Float64", 8),
        ("quality_flags", "UInt32", 4),
    ];

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
        var input = new NativeInput(stream);
        var block = new BarBlock(blockSize);
        var symbol = "";
        var symbolBytes = Array.Empty<byte>();
        while (await input.EnsureAsync(1, cancellationToken))
        {
            var columnCount = await input.ReadVarintAsync(cancellationToken);
            var rows = (int)await input.ReadVarintAsync(cancellationToken);
            if (columnCount != (ulong)Columns.Length)
            {
                throw new InvalidDataException($"the bars answer has {columnCount} columns, {Columns.Length} were asked");
            }

            var data = new byte[Columns.Length][];
            for (var c = 0; c < Columns.Length; c++)
            {
                var name = await input.ReadStringAsync(cancellationToken);
                var type = await input.ReadStringAsync(cancellationToken);
                if (type != Columns[c].Type)
                {
                    throw new InvalidDataException($"the bars answer's column {name} is {type}, expected {Columns[c].Type}");
                }

                var bytes = rows * Columns[c].Size;
                if (!await input.EnsureAsync(bytes, cancellationToken))
                {
                    throw new InvalidDataException($"the bars answer broke off in column {name}");
                }

                data[c] = input.Take(bytes).ToArray();
            }

            for (var row = 0; row < rows; row++)
            {
                var code = data[0].AsSpan(row * SymbolCode.Length, SymbolCode.Length);
                if (!code.SequenceEqual(symbolBytes))
                {
                    symbolBytes = code.ToArray();
                    symbol = Encoding.ASCII.GetString(symbolBytes);
                }

                block.StartSymbol(symbol);
                block.Add(
                    Int64(data[1], row), Float64(data[2], row), Float64(data[3], row), Float64(data[4], row), Float64(data[5], row),
                    Int64(data[6], row), Float64(data[7], row), BinaryPrimitives.ReadUInt32LittleEndian(data[8].AsSpan(row * 4)));
                if (block.Count == blockSize)
                {
                    yield return block;
                    block = new BarBlock(blockSize);
                }
            }
        }

        if (block.Count > 0)
        {
            yield return block;
        }
    }

    private static long Int64(byte[] column, int row) => BinaryPrimitives.ReadInt64LittleEndian(column.AsSpan(row * 8));

    private static double Float64(byte[] column, int row) => BinaryPrimitives.ReadDoubleLittleEndian(column.AsSpan(row * 8));

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
            SELECT CAST(symbol AS FixedString({SymbolCode.Length})) AS code, toUnixTimestamp64Milli(frame) AS frame_ms,
                   open, high, low, close, volume_shares, amount_cny, quality_flags
            FROM {TableNames.Bars} FINAL
            WHERE period = {(byte)period}
              AND frame >= fromUnixTimestamp64Milli({fromUnixMs}, 'UTC')
              AND frame < fromUnixTimestamp64Milli({toUnixMs}, 'UTC')
              {symbolCondition}
            ORDER BY symbol, frame
            FORMAT Native
            """);
    }
}
