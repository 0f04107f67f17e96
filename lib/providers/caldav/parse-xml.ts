/**
 * A small namespace-aware XML reader for WebDAV answers. A full calendar listing is one
 * multistatus of several MiB (10k events: ~11 MiB), and a general streaming parser (sax)
 * took longer to read it than the server took to write it; servers send well-formed XML
 * (RFC 4918 §8.1), so a non-validating tag scanner suffices. Malformed input returns null.
 */

export interface XmlElement {
  ns: string;
  name: string;
  attributes: Record<string, string>;
  /** Concatenated direct text, untrimmed (calendar-data must keep its line endings). */
  text: string;
  children: XmlElement[];
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five named entities and character references; a manual scan, since
 * calendar-data carries one `&#13;` per line and a regex callback per entity dominated. */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp === -1) return text;
  let out = "";
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(";", amp + 1);
    if (semi === -1 || semi - amp > 12) break;
    const ref = text.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const code = ref.charCodeAt(1) === 120 /* x */ ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
    } else {
      decoded = NAMED_ENTITIES[ref];
    }
    if (decoded !== undefined) {
      out += text.slice(from, amp) + decoded;
      from = semi + 1;
    }
    amp = text.indexOf("&", decoded !== undefined ? semi + 1 : amp + 1);
  }
  return out + text.slice(from);
}

// Unlike XML 1.0 §2.11, CRLF in text is kept: calendar-data must keep RFC 5545 line endings.
const ATTRIBUTE_RE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

interface Frame {
  element: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

export function parseXml(body: string): XmlElement | null {
  const stack: Frame[] = [];
  let root: XmlElement | null = null;
  const baseScope = new Map<string, string>([["xml", "http://www.w3.org/XML/1998/namespace"]]);
  let scope = baseScope;
  let pos = 0;
  const length = body.length;
  while (pos < length) {
    const lt = body.indexOf("<", pos);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > pos) {
      const top = stack[stack.length - 1];
      if (top) top.element.text += decodeEntities(body.slice(pos, textEnd));
      else if (body.slice(pos, textEnd).trim()) return null;
    }
    if (lt === -1) break;
    const next = body.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = body.indexOf("?>", lt + 2);
      if (end === -1) return null;
      pos = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (body.startsWith("<!--", lt)) {
        const end = body.indexOf("-->", lt + 4);
        if (end === -1) return null;
        pos = end + 3;
      } else if (body.startsWith("<![CDATA[", lt)) {
        const end = body.indexOf("]]>", lt + 9);
        if (end === -1) return null;
        const top = stack[stack.length - 1];
        if (top) top.element.text += body.slice(lt + 9, end);
        pos = end + 3;
      } else {
        // DOCTYPE: servers do not send one; skip to its end without expanding anything.
        const end = body.indexOf(">", lt + 2);
        if (end === -1) return null;
        pos = end + 1;
      }
      continue;
    }
    const gt = findTagEnd(body, lt + 1);
    if (gt === -1) return null;
    if (next === 47 /* / */) {
      const qname = body.slice(lt + 2, gt).trim();
      const frame = stack.pop();
      if (!frame || frame.qname !== qname) return null;
      scope = stack[stack.length - 1]?.scope ?? baseScope;
      pos = gt + 1;
      continue;
    }
    const selfClosing = body.charCodeAt(gt - 1) === 47;
    const inner = body.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const nameEnd = inner.search(/[\s]/);
    const qname = nameEnd === -1 ? inner : inner.slice(0, nameEnd);
    const rawAttributes: Array<[string, string]> = [];
    let elementScope = scope;
    if (nameEnd !== -1) {
      ATTRIBUTE_RE.lastIndex = 0;
      const attrText = inner.slice(nameEnd);
      let match: RegExpExecArray | null;
      while ((match = ATTRIBUTE_RE.exec(attrText)) !== null) {
        const key = match[1]!;
        const value = decodeEntities(match[3] ?? match[4] ?? "");
        if (key === "xmlns" || key.startsWith("xmlns:")) {
          if (elementScope === scope) elementScope = new Map(scope);
          elementScope.set(key === "xmlns" ? "" : key.slice(6), value);
        } else {
          rawAttributes.push([key, value]);
        }
      }
    }
    const colon = qname.indexOf(":");
    const prefix = colon === -1 ? "" : qname.slice(0, colon);
    const ns = elementScope.get(prefix);
    if (ns === undefined && prefix !== "") return null;
    const attributes: Record<string, string> = {};
    for (const [key, value] of rawAttributes)
      attributes[key.includes(":") ? key.slice(key.indexOf(":") + 1) : key] = value;
    const element: XmlElement = {
      ns: ns ?? "",
      name: colon === -1 ? qname : qname.slice(colon + 1),
      attributes,
      text: "",
      children: [],
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.element.children.push(element);
    else if (root) return null;
    else root = element;
    if (!selfClosing) {
      stack.push({ element, qname, scope: elementScope });
      scope = elementScope;
    }
    pos = gt + 1;
  }
  return stack.length === 0 ? root : null;
}

/** The `>` closing a tag that starts at `from`, skipping `>` inside quoted attribute values. */
function findTagEnd(body: string, from: number): number {
  let quote = 0;
  for (let i = from; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}
