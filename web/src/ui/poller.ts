/**
 * Runs a refresh now and then every `intervalMs` after the previous one finished, so two never
 * overlap. For the admin panels, whose figures change every few seconds (the symbol shown is
 * pushed to the page instead: market/symbol-feed.ts). A refresh handles its own errors (the panel
 * shows them) and is simply tried again on the next tick.
 */
export class Poller {
  private timer: number | undefined;
  private controller: AbortController | undefined;

  constructor(
    private readonly refresh: (signal: AbortSignal) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** (Re)starts polling at once; a refresh still in flight (e.g. for the previous symbol) is aborted. */
  start(): void {
    this.stop();
    const controller = new AbortController();
    this.controller = controller;
    const tick = async (): Promise<void> => {
      try {
        await this.refresh(controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) {
          throw error;
        }
      }
      if (!controller.signal.aborted) {
        this.timer = window.setTimeout(() => void tick(), this.intervalMs);
      }
    };
    void tick();
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    if (this.timer !== undefined) {
      window.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
