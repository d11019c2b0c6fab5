// Turns the model (model/model.json) and the schema it names into the Rust
// tables of src/types/generated.rs: the `ews_struct!` field tables, the item
// kinds and the wire enumerations. Pure: `generate(model, schema)` returns the
// file's text; nothing here reads or writes files.

/** Words of an EWS wire name: `SenderSMTPAddress` → Sender, SMTP, Address. */
function words(wire) {
  return wire.match(/[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+/g) ?? [wire];
}

const KEYWORDS = new Set([
  'type', 'match', 'ref', 'self', 'super', 'crate', 'mod', 'move', 'impl', 'fn', 'loop', 'use',
  'where', 'enum', 'struct', 'trait', 'async', 'await', 'dyn', 'box', 'final', 'override',
]);

/** The Rust field name of a wire name: `DisplayCc` → `display_cc`, `Type` → `type_`. */
export function rustName(wire) {
  const s = words(wire).map((w) => w.toLowerCase()).join('_');
  return KEYWORDS.has(s) ? `${s}_` : s;
}

/** The JS name of a wire name, by the API's rule (src/xml/read.rs `js_name`). */
export function jsName(wire) {
  return wire.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
}

/** serde's `rename_all = "camelCase"` of a Rust field name. */
export function serdeCamel(rust) {
  let out = '';
  let up = false;
  for (const ch of rust) {
    if (ch === '_') up = true;
    else if (up) {
      out += ch.toUpperCase();
      up = false;
    } else out += ch;
  }
  return out;
}

/** `Attachment<Kind>` → `Kind`; the local part of a prefixed XSD name. */
const local = (q) => q.split(':')[1] ?? q;

function fail(msg) {
  throw new Error(`model: ${msg}`);
}

export class Generator {
  constructor(model, schema) {
    this.model = model;
    this.schema = schema;
    this.structs = new Map(model.structs.map((s) => [s.name, s]));
    // Which Rust type stands for a schema type: the model's `types`, then every
    // item kind's type (an `Item`), then each element struct's own types.
    this.typeMap = new Map();
    for (const s of model.structs) {
      if (s.kind !== 'element') continue;
      for (const t of [...(s.from ?? []), ...(s.type ? [s.type] : [])]) this.typeMap.set(t, s.name);
    }
    const kinds = this.schema.ownContent(model.itemKinds.from).elements;
    for (const k of kinds) this.typeMap.set(k.type, model.itemKinds.struct);
    for (const [t, r] of Object.entries(model.types)) this.typeMap.set(t, r);
  }

  /** The content of a named complex type, or of a global element's anonymous one. */
  ownContent(name) {
    if (this.schema.isComplex(name)) return this.schema.ownContent(name);
    const el = this.schema.elements.get(name);
    if (!el) fail(`no complex type or element ${name} in the schema`);
    return this.schema.contentOf(this.anonType(el), name);
  }

  /** The Rust value of a schema type: `{ rust, doc? }`. */
  valueOf(type, anonymous = null) {
    const m = this.model;
    if (type && this.typeMap.has(type)) return this.named(this.typeMap.get(type));
    if (!type || this.schema.isComplex(type)) {
      const c = type ? this.schema.ownContent(type) : this.schema.contentOf(this.anonType(anonymous));
      // An array type: repeated children of one Rust type, and nothing else.
      if (!c.base && !c.text && !c.attributes.length && c.elements.length && c.elements.every((e) => e.max > 1)) {
        const inner = new Set(c.elements.map((e) => this.valueOf(e.type, e.anonymous).rust));
        if (inner.size === 1) return { rust: `Vec<${[...inner][0]}>` };
      }
      // Text only (`SmtpAddressType`): the value of its text.
      if (c.text && !c.attributes.length && !c.elements.length && !c.base) return this.valueOf(c.text);
      return this.named(m.unmodelled);
    }
    const { builtin } = this.schema.builtinOf(type);
    return this.named(m.builtins[builtin] ?? m.builtins['*']);
  }

  named(v) {
    return typeof v === 'string' ? { rust: v } : v;
  }

  anonType(elementNode) {
    for (let c = elementNode.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1 && c.localName === 'complexType') return c;
    }
    fail(`an anonymous element without a complex type`);
  }

  /** The content of a struct: attributes, text and children, merged over its `from` types. */
  content(s) {
    const attrs = [];
    const children = [];
    let text = null;
    const seen = new Set();
    const over = s.fields ?? {};
    for (const t of this.ownTypes(s)) {
      const c = this.ownContent(t);
      for (const a of c.attributes) {
        if (seen.has(`@${a.name}`)) continue;
        seen.add(`@${a.name}`);
        attrs.push(a);
      }
      if (c.text) text = c.text;
      for (const e of c.elements) {
        if (seen.has(e.name)) continue;
        seen.add(e.name);
        children.push(e);
      }
    }
    for (const key of Object.keys(over)) {
      if (!seen.has(key)) fail(`${s.name}: field ${key} is not in ${this.ownTypes(s).join(', ')}`);
    }
    return { attrs, text, children };
  }

  /** The fields struct whose one `from` type is `t`. */
  fieldsFor(t) {
    return this.model.structs.find((p) => p.kind === 'fields' && p.from?.length === 1 && p.from[0] === t);
  }

  /** The schema types whose own content a struct lists: `from`, or `type` when no fields struct covers it. */
  ownTypes(s) {
    if (s.from) return s.from;
    return s.type && !this.fieldsFor(s.type) ? [s.type] : [];
  }

  /**
   * The `..` parts of a struct: explicit, or the fields structs of its `type`'s
   * base chain (base first), and of the type itself when one covers it.
   */
  parts(s) {
    if (s.parts) return s.parts;
    if (!s.type) return [];
    const chain = [...this.schema.bases(s.type)].reverse();
    const parts = chain.map((t) => {
      const part = this.fieldsFor(t);
      if (!part) fail(`${s.name}: no fields struct for ${t} (a base of ${s.type})`);
      return part.name;
    });
    const own = this.fieldsFor(s.type);
    return own ? [...parts, own.name] : parts;
  }

  /** One field line (with its doc and rename lines). */
  fieldLines(prefix, wire, rust, value, over) {
    const lines = [];
    const doc = over.doc ?? value.doc;
    if (doc) for (const d of doc.split('\n')) lines.push(`/// ${d}`.trimEnd());
    const js = jsName(wire);
    if (serdeCamel(rust) !== js) lines.push(`#[serde(rename = "${js}")]`);
    lines.push(`${prefix}${rust}: "${wire}" => ${value.rust},`);
    return lines;
  }

  struct(s) {
    const { attrs, text, children } = this.content(s);
    const over = s.fields ?? {};
    const body = [];
    for (const a of attrs) {
      const o = over[`@${a.name}`] ?? {};
      if (o.skip) continue;
      const v = o.type ? this.named(o.type) : this.valueOf(a.type);
      const required = o.required ?? a.required;
      const value = { ...v, rust: required ? v.rust : `Option<${v.rust}>` };
      body.push(...this.fieldLines('@ ', a.name, rustName(a.name), value, o));
    }
    if (text) body.push('= value: String,');
    for (const p of this.parts(s)) {
      body.push(`.. ${rustName(p.replace(/Fields$/, ''))}: ${p},`);
    }
    for (const e of children) {
      const o = over[e.name] ?? {};
      if (o.skip) continue;
      const v = o.type ? this.named(o.type) : this.valueOf(e.type, e.anonymous);
      // A repeated child is a list; every other child is optional, even where
      // the schema requires it (model.md: a missing child is not an error).
      const value = { ...v, rust: e.max > 1 ? `Vec<${v.rust}>` : `Option<${v.rust}>` };
      body.push(...this.fieldLines('', e.name, o.name ?? rustName(e.name), value, o));
    }
    const doc = s.doc ?? (s.kind === 'fields' && s.from?.length === 1 ? `The children of \`${local(s.from[0])}\`.` : null);
    if (!doc) fail(`${s.name}: no doc`);
    const out = ['ews_struct! {'];
    for (const d of doc.split('\n')) out.push(`    /// ${d}`.trimEnd());
    out.push(`    ${s.kind} ${s.name} {`);
    for (const l of body) out.push(`        ${l}`);
    out.push('    }', '}');
    return out.join('\n');
  }

  /** The item kinds: `[{ element, struct, doc }]` in the model's order. */
  itemKinds() {
    const k = this.model.itemKinds;
    const c = this.schema.ownContent(k.from);
    const kinds = c.elements.map((e) => {
      const responseObject = this.schema.derivesFrom(e.type, k.responseObjectBase);
      const struct = responseObject
        ? k.responseObjectStruct
        : this.model.structs.find((s) => s.kind === 'element' && s.type === e.type)?.name;
      if (!struct) fail(`item kind ${e.name} (${e.type}) has no element struct`);
      return { element: e.name, struct, responseObject, doc: responseObject ? `\`${e.name}\` (response object).` : `\`${e.name}\`.` };
    });
    // Real items first, then the response objects, each in schema order.
    return k.responseObjectsLast ? [...kinds.filter((x) => !x.responseObject), ...kinds.filter((x) => x.responseObject)] : kinds;
  }

  itemKindsMacro() {
    const lines = this.itemKinds().map((k) => `            ${k.element}(${k.struct}) = "${k.doc}",`);
    return [
      `/// Calls \`$m! { $pre { Kind(Struct) = "doc", … } }\` with every item kind of`,
      `/// \`${local(this.model.itemKinds.from)}\`: the one list behind the \`Item\` enum, its`,
      `/// TypeScript union and \`Item::fields\`.`,
      'macro_rules! with_item_kinds {',
      '    ($m:ident! { $($pre:tt)* }) => {',
      '        $m! { $($pre)* {',
      ...lines,
      '        } }',
      '    };',
      '}',
      'pub(crate) use with_item_kinds;',
    ].join('\n');
  }

  /** A `wire_enum!` of a schema enumeration. */
  wireEnum(e) {
    const values = this.schema.enumeration(e.type);
    const names = e.variants ?? {};
    const docs = e.docs ?? {};
    for (const v of [...Object.keys(names), ...Object.keys(docs)]) {
      if (!values.includes(v)) fail(`${e.name}: ${v} is not a value of ${e.type}`);
    }
    if (e.default !== undefined && !values.includes(e.default)) fail(`${e.name}: default ${e.default} is not a value of ${e.type}`);
    const out = ['wire_enum! {'];
    for (const d of e.doc.split('\n')) out.push(`    /// ${d}`.trimEnd());
    // `attrs`: extra attributes of the enum; `default`: the value of `Default`.
    for (const a of e.attrs ?? []) out.push(`    #[${a}]`);
    if (e.default !== undefined) out.push('    #[derive(Default)]');
    // `allArray`: `ALL` is an array (`[Self; N]`), not a slice.
    out.push(`    ${e.name}${e.allArray ? ' [array]' : ''} {`);
    for (const v of values) {
      if (docs[v]) out.push(`        /// ${docs[v]}`);
      if (v === e.default) out.push('        #[default]');
      // `variantNames: "wire"`: every variant is named as its wire value.
      const name = names[v] ?? (e.variantNames === 'wire' ? v : variantName(v));
      out.push(`        ${name} = "${v}",`);
    }
    out.push('    }', '}');
    return out.join('\n');
  }

  /** A `pub const NAME: &[&str]` of a schema enumeration's values. */
  stringList(l) {
    const values = this.schema.enumeration(l.type);
    return [
      ...l.doc.split('\n').map((d) => `/// ${d}`.trimEnd()),
      `pub const ${l.name}: &[&str] = &[`,
      ...values.map((v) => `    ${JSON.stringify(v)},`),
      '];',
      '',
      ...this.stringGroups(l.name, values),
    ].join('\n');
  }

  /**
   * `NAME_GROUPS`: the values of a string list as one string, for the checks
   * (a table of pointers costs more wasm): one line per prefix (up to and with
   * the first `:`, or empty; in order of first appearance): the prefix, a tab,
   * then the rest of each value with that prefix, each followed by a space.
   */
  stringGroups(name, values) {
    const groups = new Map();
    for (const v of values) {
      if (v === '' || /\s/.test(v)) fail(`${name}: an empty value, or one with white space: ${JSON.stringify(v)}`);
      const prefix = v.slice(0, v.indexOf(':') + 1);
      if (!groups.has(prefix)) groups.set(prefix, []);
      groups.get(prefix).push(v.slice(prefix.length));
    }
    return [
      `/// The values of [\`${name}\`] grouped by prefix, for the checks (one string`,
      '/// in the wasm module rather than a table of pointers): one line per prefix',
      '/// (up to and with the first `:`, or empty), a tab, then the rest of each value',
      '/// with that prefix, each followed by a space.',
      `pub(crate) const ${name}_GROUPS: &str = concat!(`,
      ...[...groups].map(([prefix, rests]) => `    ${JSON.stringify(prefix + '\t' + rests.map((r) => r + ' ').join('') + '\n')},`),
      ');',
    ];
  }

  /** The Rust value of an option field's schema type: `{ rust, list }`. */
  optionValue(type) {
    const m = this.model;
    const mapped =
      m.optionTypes?.[type] ??
      (m.options ?? []).find((o) => o.type === type)?.name ??
      (m.enums ?? []).find((e) => e.type === type)?.name;
    if (mapped) {
      const isEnum = (m.enums ?? []).some((e) => e.name === mapped);
      return { rust: mapped, list: mapped.startsWith('Vec<'), check: isEnum ? 'none' : 'nested' };
    }
    if (this.schema.isComplex(type)) fail(`option type ${type} is neither in optionTypes, an option struct nor an enumeration`);
    const v = this.named(m.builtins[this.schema.builtinOf(type).builtin] ?? m.builtins['*']);
    // Text must be what XML can carry, and not empty where the schema says so.
    const builtin = this.schema.builtinOf(type).builtin;
    const check =
      v.rust !== 'String' ? 'none' : builtin === 'xs:base64Binary' ? 'base64' : this.schema.nonEmpty(type) ? 'non_empty' : 'xml_string';
    return { rust: v.rust, list: false, check };
  }

  /**
   * The element of each entry of a list of option structs (`Vec<ItemIdRef>`
   * in `ArrayOfBaseItemIdsType`: `t:ItemId`): the array type's child of the
   * entry struct's schema type; null for a list of anything else (a choice
   * such as `BaseFolderId` names its elements in code).
   */
  entryElement(owner, arrayType, rust) {
    const inner = rust.replace(/^Vec<(.*)>$/, '$1');
    const entry = (this.model.options ?? []).find((o) => o.name === inner);
    if (!entry?.type || !this.schema.isComplex(arrayType)) return null;
    const e = this.schema.ownContent(arrayType).elements.find((x) => x.type === entry.type);
    if (!e) fail(`${owner}: ${arrayType} has no child of type ${entry.type} (the type of ${inner})`);
    return `${arrayType.split(':')[0]}:${e.name}`;
  }

  /**
   * An `options_struct!` table: an option struct from a schema type's own
   * attributes, then its child elements, in schema order.
   */
  optionsStruct(o) {
    // Without a `type`, every field is an `extra` one.
    const c = o.type ? this.schema.ownContent(o.type) : { attributes: [], elements: [] };
    if (c.text) fail(`${o.name}: ${o.type} has text content`);
    const over = o.fields ?? {};
    const members = [
      ...c.attributes.map((a) => ({ key: `@${a.name}`, wire: a.name, type: a.type, required: a.required, pos: 'attr' })),
      ...c.elements.map((e) => ({ key: e.name, wire: e.name, type: e.type, required: e.min > 0, pos: 'elem' })),
    ];
    // The prefix of the written child elements: the namespace of the type.
    const prefix = o.type ? `${o.type.split(':')[0]}:` : 't:';
    for (const key of Object.keys(over)) {
      if (!members.some((f) => f.key === key)) fail(`${o.name}: field ${key} is not in ${o.type}`);
    }
    const link = (wire) => `[\`${wire}\`](${this.model.docLink.replace('{lower}', wire.toLowerCase())})`;
    const fields = members
      .filter((f) => !over[f.key]?.skip)
      .map((f) => {
        const x = over[f.key] ?? {};
        const v = this.optionValue(f.type);
        // A list is optional unless the model says otherwise.
        const required = x.required ?? (f.required && !v.list);
        const attr = f.pos === 'attr';
        const each = f.pos === 'elem' && v.list ? this.entryElement(o.name, f.type, v.rust) : null;
        return {
          each,
          ...f,
          rust: rustName(f.wire),
          js: jsName(f.wire),
          kind: required ? 'req' : 'opt',
          type: required || v.list ? v.rust : `Option<${v.rust}>`,
          list: v.list,
          doc: (x.doc ?? (attr ? `\`@${f.wire}\`.` : '{link}.')).replaceAll('{link}', link(f.wire)),
          tsDoc: x.tsDoc ?? (attr ? `\`@${f.wire}\`.` : `\`${f.wire}\`.`),
          check: o.checks === false ? 'none' : x.check ?? v.check,
          tsType: x.tsType,
          serde: x.serde,
          jsonWith: x.jsonWith,
        };
      });
    // `extra`: fields that are no member of the schema type (each with a
    // `why`), first, in model order; `write_fields` does not write them.
    const extras = (o.extra ?? []).map((x) => {
      if (!x.name || !x.type || !x.why) fail(`${o.name}: an extra field needs name, type and why`);
      const list = x.type.startsWith('Vec<');
      const required = x.required ?? false;
      return {
        wire: '',
        pos: 'none',
        rust: x.name,
        js: x.js ?? serdeCamel(x.name),
        kind: required ? 'req' : 'opt',
        type: required || list ? x.type : `Option<${x.type}>`,
        list,
        doc: x.doc ?? fail(`${o.name}.${x.name}: no doc`),
        tsDoc: x.tsDoc ?? x.doc,
        check: o.checks === false ? 'none' : x.check ?? 'none',
        tsType: x.tsType,
        serde: x.serde,
        jsonWith: x.jsonWith,
      };
    });
    fields.unshift(...extras);
    const keys = fields.map((f) => `${f.js}${f.kind === 'opt' ? '?' : ''}`);
    // `{js}`: the JS shape, generated (its line is wrapped).
    const js = `JS: \`{ ${keys.join(', ')} }\`.`;
    const doc = o.doc
      .split('\n')
      .map((l) => (l.includes('{js}') ? wrap(l.replace('{js}', js), 90) : l))
      .join('\n');
    const out = ['options_struct! {'];
    for (const d of doc.split('\n')) out.push(`    /// ${d}`.trimEnd());
    for (const d of o.tsDoc.split('\n')) out.push(`    #[ts_doc = ${JSON.stringify(d)}]`);
    // `tsName`: the TypeScript name, where it is not the Rust one.
    const tsName = o.tsName ? ` as ${JSON.stringify(o.tsName)}` : '';
    out.push(`    ${o.name}${tsName} in "${prefix}"${o.derive ? ` [derive(${o.derive.join(', ')})]` : ''} {`);
    for (const f of fields) {
      for (const d of f.doc.split('\n')) out.push(`        /// ${d}`.trimEnd());
      for (const d of f.tsDoc.split('\n')) out.push(`        #[ts_doc = ${JSON.stringify(d)}]`);
      if (serdeCamel(f.rust) !== f.js) out.push(`        #[serde(rename = ${JSON.stringify(f.js)})]`);
      if (f.kind === 'opt') {
        const skip = f.list ? 'Vec::is_empty' : 'Option::is_none';
        out.push(`        #[serde(default, ${f.serde ? `${f.serde}, ` : ''}skip_serializing_if = "${skip}")]`);
      } else if (f.serde) out.push(`        #[serde(${f.serde})]`);
      const ts = f.tsType ? ` as ${f.tsType}` : '';
      const withReader = f.jsonWith ? ` with ${f.jsonWith}` : '';
      const each = f.each ? ` each "${f.each}"` : '';
      out.push(`        ${f.kind} ${f.pos} ${f.check} ${f.rust}: ${f.type}${ts} => "${f.wire}" "${f.js}"${each}${withReader},`);
    }
    out.push('    }', '}');
    return out.join('\n');
  }

  file(header) {
    const parts = [header.trimEnd(), this.model.uses.join('\n')].filter(Boolean);
    for (const s of this.model.structs) parts.push(this.struct(s));
    parts.push(this.itemKindsMacro());
    for (const e of this.model.enums ?? []) parts.push(this.wireEnum(e));
    for (const l of this.model.stringLists ?? []) parts.push(this.stringList(l));
    for (const o of this.model.options ?? []) parts.push(this.optionsStruct(o));
    return `${parts.join('\n\n')}\n`;
  }
}

/** Words of `text` on lines of at most `width` characters (a longer word stays whole). */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A Rust variant name of a wire value: `HTML` → `Html`, `PublicDL` → `PublicDl`. */
export function variantName(v) {
  return words(v.replace(/[^A-Za-z0-9]/g, ''))
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}
