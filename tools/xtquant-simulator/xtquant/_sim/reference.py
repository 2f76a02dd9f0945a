"""Reference data of the simulated terminal: names (real ones for the indices and the large caps), listing
dates, share counts, renames, and the ex-dividend events (cash dividends, bonus shares) of the history.

Everything is a function of (seed, code) alone, like the history (_sim/history.py), so any universe and any
order of asking gives the same answers. The events only say WHAT happens on which day (dividend yield,
shares per share); history.py turns them into prices (interest in yuan from the close before the day, the
ex-rights reference price, the dr factor).
"""
import datetime
import zlib

from . import calendar, instruments

# Real names (2025) of the large caps the terminal lists (the indices, ETFs and bonds: _sim/instruments.py); a
# code that is not in the simulated universe simply never asks.
NAMES = {
    "000001.SZ": "平安银行", "000002.SZ": "万科A", "000333.SZ": "美的集团", "000651.SZ": "格力电器",
    "000858.SZ": "五粮液", "002415.SZ": "海康威视", "002594.SZ": "比亚迪", "300059.SZ": "东方财富",
    "300750.SZ": "宁德时代", "600000.SH": "浦发银行", "600030.SH": "中信证券", "600036.SH": "招商银行",
    "600048.SH": "保利发展", "600276.SH": "恒瑞医药", "600519.SH": "贵州茅台", "600887.SH": "伊利股份",
    "600900.SH": "长江电力", "601012.SH": "隆基绿能", "601088.SH": "中国神华", "601166.SH": "兴业银行",
    "601288.SH": "农业银行", "601318.SH": "中国平安", "601398.SH": "工商银行", "601857.SH": "中国石油",
    "601899.SH": "紫金矿业", "688981.SH": "中芯国际",
}
_PLACES = "华中东南西北江河海山天新金长恒安盛宏泰嘉鑫永兴利瑞丰和"
_TRADES = ("科技", "电子", "医药", "股份", "能源", "材料", "智能", "控股", "电气", "环保", "食品", "机械",
           "信息", "精密", "生物", "化工", "汽车", "传媒", "新材", "光电")
_MASK = (1 << 64) - 1


def _bits(seed, code, salt):
    value = (zlib.crc32(f"{seed}:{code}:{salt}".encode()) * 0x9E3779B97F4A7C15) & _MASK
    return value ^ (value >> 29)


def _unit(bits):
    return (bits & 0xFFFFFF) / float(1 << 24)


def base_name(code):
    """The name a code is listed under: the real one, or two place characters and a trade."""
    if code in NAMES:
        return NAMES[code]
    if code in instruments.TABLE:
        return instruments.name(code)
    bits = _bits(0, code, "name")
    return _PLACES[bits % len(_PLACES)] + _PLACES[(bits >> 8) % len(_PLACES)] + _TRADES[(bits >> 16) % len(_TRADES)]


def renamed_on(code):
    """The day a code becomes 'ST <name>' (about one stock in fifty, in 2025 or 2026), or None. The large caps
    and the two stocks in every universe keep their names."""
    if code in NAMES or code in instruments.TABLE:
        return None
    bits = _bits(0, code, "rename")
    if bits % 50:
        return None
    day = datetime.date(2025, 1, 2) + datetime.timedelta(days=(bits >> 8) % 700)
    while not calendar.is_trading_day(day):
        day += datetime.timedelta(days=1)
    return day


def name_on(code, day):
    """The name as the terminal shows it on `day` (a date)."""
    name = base_name(code)
    renamed = renamed_on(code)
    return "ST" + name if renamed is not None and day >= renamed else name


def listed_on(code):
    """The IPO date (OpenDate): before the history starts, so every stock has bars from its first day."""
    if code in ("000001.SZ",):
        return datetime.date(1991, 4, 3)
    if code in ("600000.SH",):
        return datetime.date(1999, 11, 10)
    if code in instruments.TABLE:
        return instruments.listed_on(code)
    bits = _bits(0, code, "listed")
    return datetime.date(1995, 1, 3) + datetime.timedelta(days=bits % 10_500)


def total_shares(code):
    """Total shares at the start of the history (bonus shares add to it); float shares are a part of it."""
    bits = _bits(0, code, "shares")
    total = round(1e8 * (1.0 + 99.0 * _unit(bits)) / 1e4) * 1e4
    return total, round(total * (0.5 + 0.5 * _unit(bits >> 24)) / 1e4) * 1e4


# Two stocks that are in every universe carry fixed events, so tests and the demo always find some: cash
# twice a year (as 平安银行 pays), and cash with bonus shares (10 转增 3 and 10 送 1).
_FIXED = {
    "000001.SZ": ((datetime.date(2025, 6, 12), 0.027, 0.0, 0.0), (datetime.date(2025, 10, 15), 0.018, 0.0, 0.0),
                  (datetime.date(2026, 6, 11), 0.029, 0.0, 0.0), (datetime.date(2026, 10, 14), 0.019, 0.0, 0.0)),
    "600000.SH": ((datetime.date(2025, 7, 17), 0.025, 0.0, 0.3), (datetime.date(2026, 7, 16), 0.021, 0.1, 0.0)),
}


def dividend_plan(seed, code):
    """[(ex-date, cash as a share of the close before it, bonus shares (送股) and capitalised shares (转增) per
    share)], ascending. About a third of the stocks pay cash each summer, some of them with shares too."""
    if code in _FIXED:
        return list(_FIXED[code])
    if code in instruments.TABLE:  # indices, ETFs and bonds pay nothing here
        return []
    plan = []
    for year in (2025, 2026):
        bits = _bits(seed, code, year)
        if _unit(bits) >= 0.35:
            continue
        day = datetime.date(year, 5, 20) + datetime.timedelta(days=(bits >> 24) % 60)
        while not calendar.is_trading_day(day):
            day += datetime.timedelta(days=1)
        cash = round(0.004 + 0.036 * _unit(bits >> 32), 4)
        kind = (bits >> 56) % 10
        bonus = 0.1 * (1 + (bits >> 40) % 4) if kind == 0 else 0.0
        gift = 0.1 * (2 + (bits >> 44) % 3) if kind == 1 else 0.0
        plan.append((day, cash, round(bonus, 1), round(gift, 1)))
    return plan
