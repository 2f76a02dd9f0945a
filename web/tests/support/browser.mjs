import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test-results");

// Debian's chromium, run as root on a machine with no network but loopback: no sandbox (root), no
// GPU, and none of the background connections it would make to Google's hosts.
const flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // scripts/dev.sh test-web --tls: trust the test server's key, made by a private CA Chromium is not told of.
  ...(process.env.QP_TLS_SPKI ? [`--ignore-certificate-errors-spki-list=${process.env.QP_TLS_SPKI}`] : []),
];

/** A headless Chromium page that records every console error and uncaught exception of the page. */
export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.QP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: flags,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: "Europe/London" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  mkdirSync(resultsDir, { recursive: true });
  return {
    browser,
    page,
    consoleErrors,
    screenshot: (name) => page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true }),
  };
}
