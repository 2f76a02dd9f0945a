import { readFileSync } from "node:fs";

/**
 * Addresses of the running services, as `scripts/dev.sh test` (or `scripts/dev.sh up`, in
 * .run/addresses.env) provides them. A missing one fails the test with what to do, never skips it.
 */
export function required(name) {
  const value = process.env[name];
  if (value === undefined || value.length === 0) {
    throw new Error(`${name} is not set: run the browser test through scripts/dev.sh test, or export .run/addresses.env of scripts/dev.sh up`);
  }
  return value;
}

export function secretFrom(fileVariable) {
  return readFileSync(required(fileVariable), "utf8").trim();
}
