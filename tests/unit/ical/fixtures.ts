import { readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../../fixtures/ical");

/** Reads tests/fixtures/ical/<name>. */
export function readFixture(name: string): string {
  return readFileSync(path.join(dir, name), "utf8");
}

/** Unfolded content lines of a text (RFC 5545 §3.1), for comparing untouched lines. */
export function unfoldedLines(text: string): string[] {
  return text
    .replace(/\r\n|\r/g, "\n")
    .replace(/\n[ \t]/g, "")
    .split("\n")
    .filter((line) => line.length > 0);
}

/** Lines of `before` that do not start with one of `changed` names, in order. */
export function untouchedLines(text: string, changed: string[]): string[] {
  return unfoldedLines(text).filter(
    (line) => !changed.some((name) => line.startsWith(`${name}:`) || line.startsWith(`${name};`)),
  );
}
