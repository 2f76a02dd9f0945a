"""Quote Platform's side of the pythonnet boundary (stdlib only; works with the real xtquant too).

xtquant hands callbacks Python dicts. Reading them field by field from .NET costs a boundary crossing
per field; instead the payload is flattened here, on xtquant's thread, into one list of codes and one
array of doubles, which .NET copies in a single read. One adapter for both shapes QMT delivers:
{code: tick} and {code: [tick, ...]} (every tick of a list, in order).
"""
from array import array

NAN = float("nan")
LEVELS = 5
# time, lastPrice, open, high, low, lastClose, amount, volume, stockStatus, then 5 bid prices,
# 5 bid volumes, 5 ask prices, 5 ask volumes.
TICK_WIDTH = 9 + 4 * LEVELS
# time (the bar's end, epoch ms), open, high, low, close, volume (lots), amount, preClose, suspendFlag.
BAR_WIDTH = 9
_EMPTY = (0.0,) * LEVELS


def _levels(values):
    if not values:
        return _EMPTY
    if len(values) == LEVELS:
        return values
    return (tuple(values) + _EMPTY)[:LEVELS]


def pack_ticks(payload):
    """{code: tick | [tick, ...]} -> ("code\ncode...", array('d') of TICK_WIDTH values per tick)."""
    codes = []
    values = array("d")
    append_code = codes.append
    extend = values.extend
    for code, item in payload.items():
        for tick in (item if isinstance(item, list) else (item,)):
            get = tick.get
            append_code(code)
            extend((get("time") or 0, _num(get("lastPrice")), _num(get("open")), _num(get("high")), _num(get("low")),
                    _num(get("lastClose")), _num(get("amount")), _num(get("volume")), get("stockStatus") or 0))
            extend(_levels(get("bidPrice")))
            extend(_levels(get("bidVol")))
            extend(_levels(get("askPrice")))
            extend(_levels(get("askVol")))
    return "\n".join(codes), values


def pack_bars(payload):
    """subscribe_quote pushes, {code: [bar, ...]} (or {code: bar}) -> (codes, array('d') of BAR_WIDTH per bar)."""
    codes = []
    values = array("d")
    for code, item in payload.items():
        for bar in (item if isinstance(item, list) else (item,)):
            get = bar.get
            codes.append(code)
            values.extend((get("time") or 0, _num(get("open")), _num(get("high")), _num(get("low")), _num(get("close")),
                           _num(get("volume")), _num(get("amount")), _num(get("preClose")), get("suspendFlag") or 0))
    return "\n".join(codes), values


def pack_frames(frames):
    """get_market_data_ex's {code: DataFrame} (pandas, or the simulator's Frame) -> packed as
    pack_bars, one row per bar; read through to_dict('list'), which both provide."""
    codes = []
    values = array("d")
    for code, frame in frames.items():
        columns = frame.to_dict("list")
        times = columns.get("time") or []
        count = len(times)
        names = ("open", "high", "low", "close", "volume", "amount", "preClose", "suspendFlag")
        opens, highs, lows, closes, volumes, amounts, pre_closes, flags = (columns.get(name) or [0] * count for name in names)
        for i in range(count):
            codes.append(code)
            values.extend((float(times[i]), float(opens[i]), float(highs[i]), float(lows[i]), float(closes[i]),
                           float(volumes[i]), float(amounts[i]), float(pre_closes[i]), float(flags[i])))
    return "\n".join(codes), values


def tick_callback(handler):
    """The callable given to subscribe_whole_quote: flattens, then calls .NET once per push."""
    def callback(payload):
        handler(pack_ticks(payload))
    return callback


def bar_callback(handler):
    def callback(payload):
        handler(pack_bars(payload))
    return callback


def _num(value):
    return NAN if value is None else value
