"""Adjusted prices (复权) as xtquant computes them from get_divid_factors.

The formulas are the ones xtquant's documentation gives for its dividend_type values ("xtdata 复权计算方式",
dict.thinktrader.net/nativeApi/xtdata.html; the same code is quoted in xuntou.net/forum.php?mod=viewthread&tid=198):
- 'front' (process_forward): for every event AFTER the bar's date, in ascending order,
  v = round((v - interest + allotPrice * allotNum) / (1 + allotNum + stockBonus + stockGift), 2);
- 'back' (process_backward): for every event ON or BEFORE the bar's date, from the latest back,
  v = round(v * (1 + stockGift + stockBonus + allotNum) + interest - allotNum * allotPrice, 2);
- 'front_ratio' / 'back_ratio' (process_forward_ratio / process_backward_ratio): v * (product of dr of the
  events on or before the bar) / (the same product at the last known event), or without the division,
  rounded to 2 decimals.
An event dated D applies to the bars of D and later ('YYYYMMDD' compared with the bar's index, as the documented
code compares index names). Only open, high, low and close change; volume, amount and preClose stay raw.
"""

PRICE_FIELDS = ("open", "high", "low", "close")
TYPES = ("none", "front", "back", "front_ratio", "back_ratio")


def _front(value, events):
    for event in events:
        value = round((value - event.interest) / (1.0 + event.bonus + event.gift), 2)
    return value


def _back(value, events):
    for event in reversed(events):
        value = round(value * (1.0 + event.gift + event.bonus) + event.interest, 2)
    return value


def adjust(columns, dates, events, dividend_type):
    """Adjusts the price columns ({field: array('d')}) in place; dates: each row's 'YYYYMMDD'; events: the stock's
    Event list (ascending) that the terminal knows."""
    if dividend_type == "none" or not events:
        return
    keys = [event.day.strftime("%Y%m%d") for event in events]
    total = 1.0
    for event in events:
        total *= event.dr
    for field in PRICE_FIELDS:
        column = columns.get(field)
        if column is None:
            continue
        for i, date in enumerate(dates):
            passed = sum(1 for key in keys if key <= date)  # events on or before the bar's date
            if dividend_type == "front":
                column[i] = _front(column[i], events[passed:])
            elif dividend_type == "back":
                column[i] = _back(column[i], events[:passed])
            else:
                ratio = 1.0
                for event in events[:passed]:
                    ratio *= event.dr
                column[i] = round(column[i] * (ratio / total if dividend_type == "front_ratio" else ratio), 2)
