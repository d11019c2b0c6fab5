// Pretty-printed, highlighted XML and JSON for <pre> blocks. Builds text nodes
// and spans only, so any server content is shown as text, never as markup.

const HIGHLIGHT_LIMIT = 400_000; // larger documents are shown plain (still indented)

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

/** Splits XML text into markup and text tokens. Lenient: anything odd becomes text. */
function lex(xml) {
  const out = [];
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/[^>]+>|<[^>]+>/g;
  let last = 0;
  let m;
  while ((m = re.exec(xml))) {
    if (m.index > last) out.push({ t: 'text', raw: xml.slice(last, m.index) });
    const raw = m[0];
    if (raw.startsWith('<?')) out.push({ t: 'pi', raw });
    else if (raw.startsWith('<!--')) out.push({ t: 'comment', raw });
    else if (raw.startsWith('<![CDATA[')) out.push({ t: 'text', raw });
    else if (raw.startsWith('<!')) out.push({ t: 'pi', raw });
    else if (raw.startsWith('</')) out.push({ t: 'close', raw });
    else out.push({ t: 'open', raw, self: raw.endsWith('/>') });
    last = re.lastIndex;
  }
  if (last < xml.length) out.push({ t: 'text', raw: xml.slice(last) });
  return out;
}

function appendTag(frag, raw, highlight) {
  if (!highlight) {
    frag.append(raw);
    return;
  }
  const m = /^(<\/?)([^\s/>]+)([\s\S]*?)(\/?>)$/.exec(raw);
  if (!m) {
    frag.append(span('x-tag', raw));
    return;
  }
  frag.append(span('x-punct', m[1]), span('x-tag', m[2]));
  const attrs = m[3];
  const re = /(\s+)([^\s=]+)(\s*=\s*)("[^"]*"|'[^']*')/g;
  let last = 0;
  let a;
  while ((a = re.exec(attrs))) {
    if (a.index > last) frag.append(attrs.slice(last, a.index));
    frag.append(a[1], span(a[2].startsWith('xmlns') ? 'x-ns' : 'x-attr', a[2]), a[3], span('x-val', a[4]));
    last = re.lastIndex;
  }
  if (last < attrs.length) frag.append(attrs.slice(last));
  frag.append(span('x-punct', m[4]));
}

/** A DocumentFragment with `xml` indented (2 spaces) and highlighted. */
export function xmlFragment(xml) {
  const frag = document.createDocumentFragment();
  const highlight = xml.length <= HIGHLIGHT_LIMIT;
  const toks = lex(xml);
  let depth = 0;
  let first = true;
  const line = () => {
    if (!first) frag.append('\n');
    first = false;
    frag.append('  '.repeat(Math.max(0, depth)));
  };
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i];
    if (tk.t === 'text') {
      if (!tk.raw.trim()) continue;
      line();
      frag.append(highlight ? span('x-text', tk.raw.trim()) : tk.raw.trim());
    } else if (tk.t === 'pi' || tk.t === 'comment') {
      line();
      frag.append(highlight ? span(tk.t === 'pi' ? 'x-pi' : 'x-comment', tk.raw) : tk.raw);
    } else if (tk.t === 'open') {
      line();
      appendTag(frag, tk.raw, highlight);
      const next = toks[i + 1];
      const after = toks[i + 2];
      if (!tk.self && next?.t === 'text' && after?.t === 'close') {
        // <a>text</a> on one line
        frag.append(highlight ? span('x-text', next.raw) : next.raw);
        appendTag(frag, after.raw, highlight);
        i += 2;
      } else if (!tk.self && next?.t === 'close') {
        appendTag(frag, next.raw, highlight);
        i += 1;
      } else if (!tk.self) {
        depth++;
      }
    } else if (tk.t === 'close') {
      depth--;
      line();
      appendTag(frag, tk.raw, highlight);
    }
  }
  return frag;
}

/** A DocumentFragment with `value` as indented, highlighted JSON. */
export function jsonFragment(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? 'undefined';
  const frag = document.createDocumentFragment();
  if (text.length > HIGHLIGHT_LIMIT) {
    frag.append(text);
    return frag;
  }
  const re = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    if (m[1] !== undefined) {
      frag.append(span(m[2] ? 'j-key' : 'j-str', m[1]));
      if (m[2]) frag.append(m[2]);
    } else if (m[3] !== undefined) {
      frag.append(span('j-lit', m[3]));
    } else {
      frag.append(span('j-num', m[4]));
    }
    last = re.lastIndex;
  }
  if (last < text.length) frag.append(text.slice(last));
  return frag;
}

/** JavaScript source for an options object (keys unquoted where possible). */
export function jsLiteral(value, indent = 0) {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const inner = value.map((v) => `${pad}  ${jsLiteral(v, indent + 1)}`);
    return `[\n${inner.join(',\n')},\n${pad}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    const inner = entries.map(([k, v]) => `${pad}  ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${jsLiteral(v, indent + 1)}`);
    return `{\n${inner.join(',\n')},\n${pad}}`;
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return String(value);
}

/** Highlights JavaScript produced by jsLiteral and the snippets (strings, keywords, comments). */
export function jsFragment(code) {
  const frag = document.createDocumentFragment();
  const re = /(\/\/[^\n]*)|('(?:[^'\\]|\\.)*')|\b(const|await|new|for|of|import|from|async|let)\b|\b(true|false|null|undefined)\b|(\b\d[\d_]*\b)/g;
  let last = 0;
  let m;
  while ((m = re.exec(code))) {
    if (m.index > last) frag.append(code.slice(last, m.index));
    const cls = m[1] ? 'j-comment' : m[2] ? 'j-str' : m[3] ? 'j-kw' : m[4] ? 'j-lit' : 'j-num';
    frag.append(span(cls, m[0]));
    last = re.lastIndex;
  }
  if (last < code.length) frag.append(code.slice(last));
  return frag;
}
