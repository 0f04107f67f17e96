/**
 * Writes new content lines: TEXT escaping (RFC 5545 §3.3.11), parameter quoting (§3.2) and
 * folding at 75 octets without splitting a UTF-8 character (§3.1).
 */
import type { ContentLine } from "./content-lines.ts";

/** Escapes a TEXT value. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Undoes TEXT escaping; lenient about unknown escapes (kept as the escaped character). */
export function unescapeText(value: string): string {
  if (value.indexOf("\\") < 0) return value;
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function quoteParam(value: string): string {
  return /[;:,]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value;
}

const encoder = new TextEncoder();

/** Folds one logical line into physical lines of at most 75 octets. */
export function foldLine(text: string): string[] {
  if (text.length <= 75 && encoder.encode(text).length <= 75) return [text];
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      out.push(current);
      current = " ";
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out;
}

/** Builds a content line; `value` is written as given (escape TEXT with {@link escapeText}). */
export function formatPropertyLine(name: string, params: Record<string, string>, value: string): ContentLine {
  let text = name.toUpperCase();
  for (const [key, paramValue] of Object.entries(params)) text += `;${key.toUpperCase()}=${quoteParam(paramValue)}`;
  text += `:${value}`;
  return { kind: "line", name: name.toUpperCase(), text, raw: foldLine(text) };
}

/** Re-folds an edited unfolded line. */
export function lineFromText(text: string, name: string): ContentLine {
  return { kind: "line", name, text, raw: foldLine(text) };
}
