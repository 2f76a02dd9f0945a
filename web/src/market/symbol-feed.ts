import { watch } from "../api/clients";
import { describe, type Failure } from "../api/errors";
import type { Bar, Period } from "../gen/quoteplatform/marketdata/v1/bar_pb";
import type { Quote } from "../gen/quoteplatform/marketdata/v1/quote_pb";

/** What the feed reports; every call is about the symbol and period the feed was made for. */
export interface FeedListener {
  quotes(quotes: readonly Quote[]): void;
  forming(bars: readonly Bar[]): void;
  final(bars: readonly Bar[]): void;
  /** The catch-up of this connection is complete (every final bar after the cursor was sent). */
  caughtUp(): void;
  /** The stream failed or ended; the feed tries again after `retryMs` (never, for a request the server refuses). */
  failed(failure: Failure, retryMs: number | undefined): void;
}

// Back-off between reconnections: doubled from the first to the last, with jitter.
const firstRetryMs = 500;
const lastRetryMs = 15_000;
// A symbol the platform does not know yet may appear (a first trade): ask again, rarely.
const unknownRetryMs = 30_000;
// Heartbeats missed before the connection counts as dead (a drop that no error reported).
const missedHeartbeats = 3;

/**
 * One WatchSymbol stream, pushed to (no polling): quotes, the forming bar and final bars of a
 * symbol in one period. Reconnects with back-off after a drop and asks for the final bars after
 * the last one it received, so the chart has no hole. `firstAfter` gives where the very first
 * catch-up starts (e.g. the start of the trading days shown).
 */
export class SymbolFeed {
  private readonly controller = new AbortController();
  private cursor: number | undefined;
  private attempt = 0;

  constructor(
    private readonly symbol: string,
    private readonly period: Period,
    private readonly firstAfter: (signal: AbortSignal) => Promise<number>,
    private readonly listener: FeedListener,
  ) {
    void this.run();
  }

  stop(): void {
    this.controller.abort();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let failure: Failure;
      try {
        this.cursor ??= await this.firstAfter(signal);
        await this.connect(this.cursor, signal);
        failure = { kind: "unavailable", text: "The live stream ended. Reconnecting." };
      } catch (error) {
        failure = describe(error);
      }
      if (signal.aborted) {
        return;
      }
      const retryMs = retryAfter(failure, this.attempt++);
      this.listener.failed(failure, retryMs);
      if (retryMs === undefined) {
        return;
      }
      await delay(retryMs, signal);
    }
  }

  /** One connection, until it ends. */
  private async connect(after: number, signal: AbortSignal): Promise<void> {
    const call = new AbortController();
    const abort = (): void => call.abort();
    signal.addEventListener("abort", abort);
    let silence: number | undefined;
    let heartbeatMs = 0;
    const heard = (): void => {
      window.clearTimeout(silence);
      if (heartbeatMs > 0) {
        silence = window.setTimeout(() => call.abort(new Error("no heartbeat")), heartbeatMs * missedHeartbeats);
      }
    };
    try {
      const stream = watch.watchSymbol(
        { symbols: [this.symbol], period: this.period, afterFrameUnixMs: BigInt(after) },
        { signal: call.signal, timeoutMs: 0 },
      );
      for await (const response of stream) {
        const kind = response.kind;
        switch (kind.case) {
          case "started":
            this.attempt = 0;
            heartbeatMs = Number(kind.value.heartbeatIntervalMs);
            break;
          case "final":
            this.advance(kind.value.bars);
            this.listener.final(kind.value.bars);
            break;
          case "caughtUp":
            this.listener.caughtUp();
            break;
          case "quotes":
            this.listener.quotes(kind.value.quotes);
            break;
          case "forming":
            this.listener.forming(kind.value.bars);
            break;
        }
        heard();
      }
    } catch (error) {
      if (call.signal.aborted && !signal.aborted) {
        // Reads as a network failure: nothing came, not even a heartbeat.
        throw new Error("Failed to fetch (the live stream went silent)");
      }
      throw error;
    } finally {
      window.clearTimeout(silence);
      signal.removeEventListener("abort", abort);
    }
  }

  /** The next connection asks for the final bars after the newest one received. */
  private advance(bars: readonly Bar[]): void {
    for (const bar of bars) {
      const frame = Number(bar.frameUnixMs);
      if (bar.symbol === this.symbol && frame > (this.cursor ?? 0)) {
        this.cursor = frame;
      }
    }
  }
}

function retryAfter(failure: Failure, attempt: number): number | undefined {
  switch (failure.kind) {
    case "invalid":
      return undefined;
    case "not-found":
      return unknownRetryMs;
    default: {
      const ceiling = Math.min(lastRetryMs, firstRetryMs * 2 ** attempt);
      return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      window.clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
