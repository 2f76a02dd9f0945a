import { tradingDate } from "../ui/format";

const dayMs = 86_400_000;
const beijingOffsetMs = 8 * 3_600_000;

/** 00:00 Beijing of a "YYYY-MM-DD" trading date, epoch ms. */
export function startOfTradingDay(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) - beijingOffsetMs;
}

export function daysBefore(nowMs: number, days: number): number {
  return nowMs - days * dayMs;
}

/**
 * lightweight-charts shows times as UTC; shifting by eight hours makes its axis read Beijing wall
 * time (09:31 ... 15:00), whatever the viewer's own time zone is.
 */
export function chartTime(frameUnixMs: number): number {
  return Math.floor((frameUnixMs + beijingOffsetMs) / 1000);
}

export { tradingDate };
