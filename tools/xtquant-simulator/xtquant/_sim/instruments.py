"""The simulated terminal's indices, ETFs and convertible bonds, beside its ~5,200 A shares.

What differs by type, as the exchanges and xtquant define it:
- price tick: A shares and indices 0.01; ETFs 0.001 (SSE/SZSE 交易规则: fund quotes in 0.001 yuan) and
  convertible bonds 0.001 (SSE/SZSE 可转换公司债券交易实施细则, in force 2022-08-01);
- volume unit: the tick's `volume` counts lots (手, xtquant's data dictionary): 100 shares or fund units,
  10 bonds (1 手 = 10 张); `pvolume` the raw count. get_instrument_detail's VolumeMultiple stays 1, as
  xtquant documents it for everything but futures;
- price limits: ETFs ±10% (STAR ETFs ±20%), convertible bonds ±20%, indices none (limit prices 0);
- sessions: the same windows as the shares (indices are computed from them; nobody trades an index).
Each code's rules are a function of the code alone, like the rest of the simulator.
"""
import datetime

INDEX, ETF, BOND, STOCK = "index", "etf", "bond", "stock"

# code: (kind, name, price at the start of the history (yuan or points), listing date)
TABLE = {
    "000001.SH": (INDEX, "上证指数", 3300.0, datetime.date(1991, 7, 15)),
    "000016.SH": (INDEX, "上证50", 2700.0, datetime.date(2004, 1, 2)),
    "000300.SH": (INDEX, "沪深300", 3900.0, datetime.date(2005, 4, 8)),
    "000688.SH": (INDEX, "科创50", 1000.0, datetime.date(2020, 7, 23)),
    "000852.SH": (INDEX, "中证1000", 6200.0, datetime.date(2014, 10, 17)),
    "000905.SH": (INDEX, "中证500", 5800.0, datetime.date(2007, 1, 15)),
    "399001.SZ": (INDEX, "深证成指", 10500.0, datetime.date(1995, 1, 23)),
    "399006.SZ": (INDEX, "创业板指", 2150.0, datetime.date(2010, 6, 1)),
    "510050.SH": (ETF, "上证50ETF", 2.750, datetime.date(2005, 2, 23)),
    "510300.SH": (ETF, "沪深300ETF", 3.950, datetime.date(2012, 5, 28)),
    "510500.SH": (ETF, "中证500ETF", 5.900, datetime.date(2013, 3, 15)),
    "512880.SH": (ETF, "证券ETF", 1.050, datetime.date(2016, 8, 8)),
    "518880.SH": (ETF, "黄金ETF", 6.200, datetime.date(2013, 7, 29)),
    "588000.SH": (ETF, "科创50ETF", 1.000, datetime.date(2020, 11, 16)),
    "159915.SZ": (ETF, "创业板ETF", 2.200, datetime.date(2011, 12, 9)),
    "159919.SZ": (ETF, "沪深300ETF", 4.000, datetime.date(2012, 5, 28)),
    "159949.SZ": (ETF, "创业板50ETF", 1.100, datetime.date(2016, 7, 22)),
    "110073.SH": (BOND, "国投转债", 118.000, datetime.date(2020, 8, 21)),
    "113044.SH": (BOND, "大秦转债", 112.500, datetime.date(2021, 1, 5)),
    "113052.SH": (BOND, "兴业转债", 110.800, datetime.date(2022, 1, 10)),
    "118003.SH": (BOND, "华兴转债", 125.300, datetime.date(2022, 1, 11)),
    "123107.SZ": (BOND, "温氏转债", 128.900, datetime.date(2021, 4, 13)),
    "127045.SZ": (BOND, "牧原转债", 131.200, datetime.date(2021, 9, 2)),
    "128136.SZ": (BOND, "立讯转债", 121.600, datetime.date(2020, 11, 17)),
}

# kind: (price tick, price units a yuan (1 / tick), units (shares, fund units, bonds) a lot, limit percent or None)
_RULES = {
    STOCK: (0.01, 100, 100, 10),
    INDEX: (0.01, 100, 100, None),
    ETF: (0.001, 1000, 100, 10),
    BOND: (0.001, 1000, 10, 20),
}

# The sectors the terminal lists them in (get_sector_list names; xtquant's data dictionary).
SECTORS = {
    "沪深指数": (INDEX, ("SH", "SZ")), "沪市指数": (INDEX, ("SH",)), "深市指数": (INDEX, ("SZ",)),
    "沪深ETF": (ETF, ("SH", "SZ")), "沪市ETF": (ETF, ("SH",)), "深市ETF": (ETF, ("SZ",)),
    "沪深转债": (BOND, ("SH", "SZ")), "上证转债": (BOND, ("SH",)), "深证转债": (BOND, ("SZ",)),
    "沪深A股": (STOCK, ("SH", "SZ")), "上证A股": (STOCK, ("SH",)), "深证A股": (STOCK, ("SZ",)),
}


def kind(code):
    entry = TABLE.get(code)
    return entry[0] if entry is not None else STOCK


def codes():
    """Every index, ETF and bond code, sorted."""
    return sorted(TABLE)


def in_sector(sector, all_codes):
    """The codes of `all_codes` (in their order) a sector lists, or [] for a sector not simulated."""
    wanted = SECTORS.get(sector)
    if wanted is None:
        return []
    wanted_kind, markets = wanted
    return [code for code in all_codes if kind(code) == wanted_kind and code[-2:] in markets]


def price_tick(code):
    return _RULES[kind(code)][0]


def price_units(code):
    """Price units a yuan: prices are whole units (cents; tenths of a cent for a 0.001 tick)."""
    return _RULES[kind(code)][1]


def digits(code):
    return 3 if price_units(code) == 1000 else 2


def lot(code):
    """Units one lot of `volume` counts: 100 shares or fund units, 10 bonds."""
    return _RULES[kind(code)][2]


def limit_percent(code, stock_percent):
    """The daily limit as a whole percentage (None: no limit); a stock keeps its board's."""
    this = kind(code)
    if this == STOCK:
        return stock_percent
    if code.startswith("588"):
        return 20
    return _RULES[this][3]


def start_price(code):
    """The price (yuan, points) a non-stock starts the history at."""
    return TABLE[code][2]


def name(code):
    return TABLE[code][1]


def listed_on(code):
    return TABLE[code][3]
