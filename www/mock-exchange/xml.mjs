// A small, strict XML reader and a few writing helpers for the mock Exchange
// server. The reader builds a light tree: elements are matched by local name
// (any prefix, any namespace declaration), entity and character references are
// unescaped, and anything that is not well-formed throws an XmlError (with the
// offset) so that the server can answer with a SOAP fault instead of crashing.
// No DTDs: a DOCTYPE is rejected (as Exchange does), so no entity expansion.

export class XmlError extends Error {
  constructor(message, position) {
    super(`${message} (at offset ${position})`);
    this.name = 'XmlError';
    this.position = position;
  }
}

const NAMED_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_RE = /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;
const WS_RE = /[ \t\r\n]*/y;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function isXmlChar(cp) {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Replaces the five predefined entities and numeric character references. */
export function unescapeXml(s, position = 0) {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&\s<]{0,16});|&/g, (m, ref, off) => {
    if (ref === undefined) throw new XmlError('bare "&" (not an entity reference)', position + off);
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' ? (/^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : NaN)
        : (/^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN);
      if (!Number.isFinite(cp) || !isXmlChar(cp)) throw new XmlError(`invalid character reference &${ref};`, position + off);
      return String.fromCodePoint(cp);
    }
    const v = NAMED_ENTITIES[ref];
    if (v === undefined) throw new XmlError(`unknown entity &${ref};`, position + off);
    return v;
  });
}

/**
 * Parses an XML document into { name, prefix, ns, attrs, children, text }
 * element nodes (attrs keyed by local name; text is the concatenated character
 * data directly inside the element). Throws XmlError when not well-formed.
 */
export function parseXml(input, { maxDepth = 200 } = {}) {
  if (typeof input !== 'string') throw new XmlError('not text', 0);
  // end-of-line handling (XML 1.0 §2.11): CRLF and lone CR become LF
  const s = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  let i = 0;
  if (s.charCodeAt(0) === 0xfeff) i = 1;
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(s);
  if (bad) throw new XmlError('character not allowed in XML', bad.index);
  const n = s.length;
  const stack = [];
  let root = null;
  const nsStack = [{ xml: XML_NS, xmlns: 'http://www.w3.org/2000/xmlns/' }];

  const readName = () => {
    NAME_RE.lastIndex = i;
    const m = NAME_RE.exec(s);
    if (!m) throw new XmlError('expected a name', i);
    i = NAME_RE.lastIndex;
    return m[0];
  };
  const skipWs = () => { WS_RE.lastIndex = i; WS_RE.exec(s); const moved = WS_RE.lastIndex !== i; i = WS_RE.lastIndex; return moved; };

  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = s.slice(i, textEnd);
      if (stack.length === 0) {
        if (/[^ \t\r\n]/.test(raw)) throw new XmlError('text outside the root element', i);
      } else {
        stack[stack.length - 1].text += unescapeXml(raw, i);
      }
      i = textEnd;
      if (lt < 0) break;
    }
    // s[i] === '<'
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction', i);
      const target = /^<\?([^\s?]+)/.exec(s.slice(i, i + 40));
      if (target && target[1].toLowerCase() === 'xml' && !(i === 0 || (i === 1 && s.charCodeAt(0) === 0xfeff))) {
        throw new XmlError('XML declaration not at the start', i);
      }
      i = end + 2;
      continue;
    }
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('unterminated comment', i);
      i = end + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new XmlError('CDATA outside the root element', i);
      const end = s.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section', i);
      stack[stack.length - 1].text += s.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (s.startsWith('<!', i)) throw new XmlError('DTDs and declarations are not allowed', i);
    if (s.startsWith('</', i)) {
      i += 2;
      const qname = readName();
      skipWs();
      if (s[i] !== '>') throw new XmlError('expected ">" in end tag', i);
      i++;
      const top = stack.pop();
      if (!top || top.qname !== qname) throw new XmlError(`end tag </${qname}> does not match ${top ? `<${top.qname}>` : 'anything'}`, i);
      nsStack.pop();
      continue;
    }
    // start tag
    const start = i;
    i++;
    const qname = readName();
    const rawAttrs = [];
    let selfClosing = false;
    for (;;) {
      const hadWs = skipWs();
      if (i >= n) throw new XmlError('unterminated start tag', start);
      if (s[i] === '>') { i++; break; }
      if (s[i] === '/' && s[i + 1] === '>') { i += 2; selfClosing = true; break; }
      if (!hadWs) throw new XmlError('expected whitespace between attributes', i);
      const aname = readName();
      skipWs();
      if (s[i] !== '=') throw new XmlError('expected "=" after attribute name', i);
      i++;
      skipWs();
      const q = s[i];
      if (q !== '"' && q !== "'") throw new XmlError('expected a quoted attribute value', i);
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new XmlError('unterminated attribute value', i);
      const rawValue = s.slice(i + 1, end);
      if (rawValue.includes('<')) throw new XmlError('"<" in attribute value', i);
      if (rawAttrs.some((a) => a[0] === aname)) throw new XmlError(`duplicate attribute ${aname}`, i);
      // attribute-value normalisation: literal whitespace becomes a space, character references stay
      rawAttrs.push([aname, unescapeXml(rawValue.replace(/[\t\n]/g, ' '), i + 1)]);
      i = end + 1;
    }
    const scope = Object.create(nsStack[nsStack.length - 1]);
    for (const [a, v] of rawAttrs) {
      if (a === 'xmlns') scope[''] = v;
      else if (a.startsWith('xmlns:')) scope[a.slice(6)] = v;
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const name = colon < 0 ? qname : qname.slice(colon + 1);
    const ns = scope[prefix];
    if (prefix && ns === undefined) throw new XmlError(`undeclared namespace prefix "${prefix}"`, start);
    const attrs = {};
    for (const [a, v] of rawAttrs) {
      if (a === 'xmlns' || a.startsWith('xmlns:')) continue;
      const c = a.indexOf(':');
      if (c >= 0 && scope[a.slice(0, c)] === undefined) throw new XmlError(`undeclared namespace prefix "${a.slice(0, c)}"`, start);
      attrs[c < 0 ? a : a.slice(c + 1)] = v;
    }
    const node = { name, qname, prefix, ns: ns || '', attrs, children: [], text: '' };
    if (stack.length === 0) {
      if (root) throw new XmlError('more than one root element', start);
      root = node;
    } else {
      stack[stack.length - 1].children.push(node);
    }
    if (!selfClosing) {
      if (stack.length >= maxDepth) throw new XmlError(`nesting deeper than ${maxDepth}`, start);
      stack.push(node);
      nsStack.push(scope);
    }
  }
  if (stack.length) throw new XmlError(`unclosed element <${stack[stack.length - 1].qname}>`, n);
  if (!root) throw new XmlError('no root element', n);
  return root;
}

/** First child element with the given local name (or undefined). */
export function child(node, name) {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** All child elements with the given local name (all children when name is omitted). */
export function children(node, name) {
  if (!node) return [];
  return name === undefined ? node.children : node.children.filter((c) => c.name === name);
}

/** Trimmed text of a child element (or undefined when the child is absent). */
export function childText(node, name) {
  const c = child(node, name);
  return c ? c.text.trim() : undefined;
}

// ---- writing ---------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML 1.0 cannot carry (control characters, lone surrogates). */
export function xmlSafe(s) {
  return String(s).replace(INVALID_CHARS, '');
}

/** Escapes character data. */
export function esc(s) {
  return xmlSafe(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value (double-quoted). */
export function escAttr(s) {
  return xmlSafe(s).replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]);
}

/** `<name>escaped text</name>`, or '' when value is undefined/null. */
export function el(name, value) {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return s === '' ? `<${name}/>` : `<${name}>${esc(s)}</${name}>`;
}

/** Attribute list from an object, skipping undefined values. */
export function attrs(obj) {
  let out = '';
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out += ` ${k}="${escAttr(v)}"`;
  return out;
}
