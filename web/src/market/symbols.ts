import { directory } from "./directory";

/** The page's subject when nobody asked for another: 平安银行, as the first version of the page showed. */
export const defaultSymbol = "000001.SZ";

/** The name the terminal gave the symbol (ListSymbols), or "" until the terminal sent its details. */
export function nameOf(symbol: string): string {
  return directory.nameOf(symbol);
}

const fullCode = /^(\d{6})\.(SH|SZ|BJ)$/i;
const bareCode = /^\d{6}$/;

/** "000001.sz" → "000001.SZ"; null when the text is not a full code. */
export function normalizeFull(text: string): string | null {
  const match = fullCode.exec(text.trim());
  return match === null ? null : `${match[1]}.${match[2]!.toUpperCase()}`;
}

export function isBareCode(text: string): boolean {
  return bareCode.test(text.trim());
}

/** The symbol in the address (#symbol=600000.SH), so a reload or a shared link keeps it. */
export function symbolFromLocation(): string {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return normalizeFull(params.get("symbol") ?? "") ?? defaultSymbol;
}

export function rememberSymbol(symbol: string): void {
  const params = new URLSearchParams(window.location.hash.slice(1));
  params.set("symbol", symbol);
  history.replaceState(null, "", `#${params.toString()}`);
}
