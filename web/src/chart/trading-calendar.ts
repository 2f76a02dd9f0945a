import { query } from "../api/clients";
import { tradingDate } from "../ui/format";
import { daysBefore } from "./trading-day";

// Long enough to hold a few trading days across the longest holiday (Spring Festival, about 9 days).
const lookBackDays = 30;
// The opening call auction starts at 09:15 Beijing: before that the day has no bars yet.
const sessionStartMinute = 9 * 60 + 15;

/**
 * The trading days (newest first) from the stored trading calendar that the query service serves
 * (GetTradingDays; weekdays where no calendar has been received), up to the latest one whose session
 * has begun. A holiday is never among them, so the chart never reports one as a day without bars.
 */
export async function recentTradingDays(symbol: string, nowMs: number, signal: AbortSignal): Promise<string[]> {
  const today = tradingDate(nowMs);
  const response = await query.getTradingDays(
    { market: symbol.endsWith(".SZ") ? "SZ" : "SH", fromDate: tradingDate(daysBefore(nowMs, lookBackDays)), toDate: today },
    { signal },
  );
  const started = minuteOfBeijingDay(nowMs) >= sessionStartMinute;
  return response.tradingDates.filter((date) => date < today || started).reverse();
}

function minuteOfBeijingDay(unixMs: number): number {
  const beijing = new Date(unixMs + 8 * 3_600_000);
  return beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
}
