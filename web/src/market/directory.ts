import { pinyin } from "pinyin-pro";
import { query } from "../api/clients";

/** One instrument as the search box knows it: code, name, type, and the pinyin initials of its name. */
export interface Listed {
  symbol: string;
  name: string;
  type: string;
  initials: string;
}

const refreshMs = 60_000;
// While a symbol shown has no name yet (its details may be on their way), look again this often.
const missingRefreshMs = 5_000;
const pageSize = 10_000;

/** "平安银行" → "payh" (pinyin-pro, in the browser); letters and digits of the name stay as they are, lower case. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array" }).join("").toLowerCase();
}

/**
 * Every symbol the platform knows with its name (ListSymbols, all pages), loaded at start and again each
 * minute: a search by code, by name or by pinyin initials runs in the page, without a request per keystroke.
 */
export class SymbolDirectory {
  private listed: Listed[] = [];
  private bySymbol = new Map<string, Listed>();
  private loading: Promise<void> | undefined;
  private loadedAt = 0;

  nameOf(symbol: string): string {
    return this.bySymbol.get(symbol)?.name ?? "";
  }

  /** Decimals of a symbol's prices: ETFs, funds and bonds tick in 0.001 yuan, the rest in 0.01 (its type from ListSymbols). */
  priceDigitsOf(symbol: string): number {
    const type = this.bySymbol.get(symbol)?.type ?? "";
    return type === "etf" || type === "fund" || type === "bond" ? 3 : 2;
  }

  /** Loads (at most once a minute, or every few seconds when `missing` a name; one load at a time); a failure leaves the last list in place. */
  refresh(missing = false): Promise<void> {
    if (this.loading === undefined && Date.now() - this.loadedAt > (missing ? missingRefreshMs : refreshMs)) {
      this.loading = this.load().finally(() => {
        this.loading = undefined;
      });
    }
    return this.loading ?? Promise.resolve();
  }

  /** Symbols whose code starts with the text, whose name contains it, or whose initials start with it; codes first. */
  find(text: string, limit: number): Listed[] {
    const wanted = text.trim();
    if (wanted === "") {
      return [];
    }
    const code = wanted.toUpperCase();
    const letters = wanted.toLowerCase();
    const byCode = this.listed.filter((item) => item.symbol.startsWith(code));
    const byName = this.listed.filter(
      (item) => !item.symbol.startsWith(code) && item.name !== "" && (item.name.includes(wanted) || item.initials.startsWith(letters)),
    );
    return [...byCode, ...byName].slice(0, limit);
  }

  private async load(): Promise<void> {
    this.loadedAt = Date.now();
    try {
      const listed: Listed[] = [];
      let pageToken = "";
      do {
        const response = await query.listSymbols({ pageSize, pageToken });
        listed.push(...response.symbols.map((info) => ({ symbol: info.symbol, name: info.name, type: info.type, initials: initialsOf(info.name) })));
        pageToken = response.nextPageToken;
      } while (pageToken !== "");
      this.listed = listed;
      this.bySymbol = new Map(listed.map((item) => [item.symbol, item]));
    } catch {
      // The list is a convenience: the panels report an unreachable backend.
    }
  }
}

export const directory = new SymbolDirectory();
