import { Period } from "../gen/quoteplatform/marketdata/v1/bar_pb";

export interface PeriodChoice {
  period: Period;
  label: string;
  intraday: boolean;
}

export const periods: readonly PeriodChoice[] = [
  { period: Period.PERIOD_1M, label: "1m", intraday: true },
  { period: Period.PERIOD_5M, label: "5m", intraday: true },
  { period: Period.PERIOD_15M, label: "15m", intraday: true },
  { period: Period.PERIOD_30M, label: "30m", intraday: true },
  { period: Period.PERIOD_60M, label: "60m", intraday: true },
  { period: Period.PERIOD_1D, label: "1d", intraday: false },
];

export const defaultPeriod: PeriodChoice = periods[0]!;
