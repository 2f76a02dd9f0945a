"""Prints the simulated terminal's own history as JSON for the adjusted-bars tests: for every symbol with an
ex-dividend event, its dividend factors and its bars raw and as get_market_data_ex(dividend_type='front' and
'back') returns them. Arguments: period, start_time, end_time[, codes...]; settings from XTSIM_* variables."""
import json
import sys

from xtquant import xtdata

period, start, end, codes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
xtdata.connect()
codes = codes or xtdata.get_stock_list_in_sector("沪深A股")
result = {}
for code in codes:
    factors = xtdata.get_divid_factors(code)
    if len(factors) == 0:
        continue
    columns = factors.to_dict("list")
    entry = {"factors": [[date] + [columns[name][i] for name in ("interest", "stockBonus", "stockGift", "allotNum", "allotPrice", "gugai", "dr")]
                         for i, date in enumerate(factors.index)]}
    for kind in ("none", "front", "back"):
        frame = xtdata.get_market_data_ex(["time", "open", "high", "low", "close", "volume", "amount"], [code], period, start, end,
                                          dividend_type=kind)[code]
        entry[kind] = frame.to_dict("list")
    result[code] = entry
xtdata.sim_stop()
print(json.dumps(result))
