import { query } from "../api/clients";
import { describe } from "../api/errors";
import { byId, showMessage } from "../ui/dom";
import { isBareCode, normalizeFull } from "./symbols";

const suggestions = 20;
const debounceMs = 250;

/**
 * The search box: suggestions come from ListSymbols by prefix as the user types; submitting a full
 * code ("600000.SH") shows it, a bare six-digit code is completed from the platform's symbols.
 */
export class SymbolSearch {
  private timer: number | undefined;
  private suggesting: AbortController | undefined;

  constructor(private readonly onSymbol: (symbol: string) => void) {
    const input = byId<HTMLInputElement>("search-input");
    input.addEventListener("input", () => this.scheduleSuggestions(input.value));
    byId<HTMLFormElement>("search").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit(input.value);
    });
  }

  private scheduleSuggestions(text: string): void {
    window.clearTimeout(this.timer);
    const prefix = text.trim().split(".")[0] ?? "";
    if (!/^\d{1,6}$/.test(prefix)) {
      return;
    }
    this.timer = window.setTimeout(() => void this.suggest(prefix), debounceMs);
  }

  private async suggest(prefix: string): Promise<void> {
    this.suggesting?.abort();
    const controller = new AbortController();
    this.suggesting = controller;
    try {
      const response = await query.listSymbols({ prefix, pageSize: suggestions }, { signal: controller.signal });
      const list = byId<HTMLDataListElement>("search-options");
      list.replaceChildren(...response.symbols.map((info) => {
        const option = document.createElement("option");
        option.value = info.symbol;
        option.label = info.hasQuote ? "live quote" : "stored bars";
        return option;
      }));
    } catch {
      // Suggestions are a convenience: the panels report an unreachable backend.
    }
  }

  private async submit(text: string): Promise<void> {
    const full = normalizeFull(text);
    if (full !== null) {
      this.onSymbol(full);
      return;
    }
    if (!isBareCode(text)) {
      showMessage("quote-message", `"${text.trim()}" is not a symbol: enter a six-digit code such as 600000, or 000001.SZ.`, "error");
      return;
    }
    const code = text.trim();
    try {
      const response = await query.listSymbols({ prefix: code, pageSize: 5 });
      const match = response.symbols.find((info) => info.symbol.startsWith(`${code}.`));
      if (match === undefined) {
        showMessage("quote-message", `Unknown symbol ${code}: the platform has no quote or bars for it.`, "error");
        return;
      }
      this.onSymbol(match.symbol);
    } catch (error) {
      const failure = describe(error);
      showMessage("quote-message", "text" in failure ? failure.text : "", "error");
    }
  }
}
