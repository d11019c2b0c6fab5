// A small reader of XML Schema (XSD) files: just what the EWS schemas use to
// declare the content of a complex type. It answers, for a named complex type,
// its base type and its own attributes, text and child elements (with their
// cardinality after nested sequences, choices and groups are flattened), and,
// for a simple type, the built-in type it restricts and its enumeration values.
//
// Names are qualified by the prefix the file's target namespace has in
// `prefixes` ('t:ItemType', 'm:SyncFolderItemsType', 'xs:string').

import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';

const XS = 'http://www.w3.org/2001/XMLSchema';

/** The element children of a DOM node in the XSD namespace, by local name. */
function xsChildren(node, ...names) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && c.namespaceURI === XS && (names.length === 0 || names.includes(c.localName))) {
      out.push(c);
    }
  }
  return out;
}

function occurs(node, attr, dflt) {
  const v = node.getAttribute(attr);
  if (v === null || v === '') return dflt;
  return v === 'unbounded' ? Infinity : Number(v);
}

export class Schema {
  /**
   * @param {{ file: string, text?: string }[]} files  the schema documents
   * @param {Record<string, string>} prefixes  namespace URI → prefix
   */
  constructor(files, prefixes) {
    this.prefixes = prefixes;
    this.complexTypes = new Map();
    this.simpleTypes = new Map();
    this.elements = new Map();
    this.groups = new Map();
    this.attributeGroups = new Map();
    for (const { file, text } of files) {
      const source = text ?? readFileSync(file, 'utf8');
      const errors = [];
      let doc;
      try {
        doc = new DOMParser({
          onError: (level, msg) => {
            if (level !== 'warning') errors.push(msg);
          },
        }).parseFromString(source, 'text/xml');
      } catch (e) {
        errors.push(e.message);
      }
      if (errors.length) throw new Error(`${file}: ${errors[0]}`);
      const root = doc.documentElement;
      if (!root || root.namespaceURI !== XS || root.localName !== 'schema') {
        throw new Error(`${file}: not an XML Schema document`);
      }
      const tns = root.getAttribute('targetNamespace');
      const prefix = prefixes[tns];
      if (!prefix) throw new Error(`${file}: no prefix for target namespace ${tns}`);
      const tables = {
        complexType: this.complexTypes,
        simpleType: this.simpleTypes,
        element: this.elements,
        group: this.groups,
        attributeGroup: this.attributeGroups,
      };
      for (const node of xsChildren(root)) {
        const table = tables[node.localName];
        const name = node.getAttribute('name');
        if (table && name) table.set(`${prefix}:${name}`, node);
      }
    }
  }

  /** A QName as written in `node`'s document ('t:ItemIdType') → our prefixed form. */
  qname(node, value) {
    const [p, local] = value.includes(':') ? value.split(':') : [null, value];
    const uri = node.lookupNamespaceURI(p);
    if (uri === XS) return `xs:${local}`;
    const prefix = this.prefixes[uri];
    if (!prefix) throw new Error(`unknown namespace ${uri} in ${value}`);
    return `${prefix}:${local}`;
  }

  complexTypeNode(name) {
    const node = this.complexTypes.get(name);
    if (!node) throw new Error(`no complex type ${name} in the schema`);
    return node;
  }

  isComplex(name) {
    return this.complexTypes.has(name);
  }

  /**
   * The content a complex type declares itself (not what it inherits):
   * `{ name, base, derivation, attributes, text, elements, abstract }`.
   * `elements` are `{ name, type, min, max, choice }` in document order, where
   * `min`/`max` multiply the element's occurrence by its enclosing groups' and
   * `choice` says it is one alternative of a choice.
   */
  ownContent(name) {
    return this.contentOf(this.complexTypeNode(name), name);
  }

  /** The same for a complex type node (named or anonymous). */
  contentOf(node, name = null) {
    const out = {
      name,
      base: null,
      derivation: null,
      attributes: [],
      text: null,
      elements: [],
      abstract: node.getAttribute('abstract') === 'true',
    };
    let body = node;
    const [simple] = xsChildren(node, 'simpleContent');
    const [complex] = xsChildren(node, 'complexContent');
    if (simple || complex) {
      const [der] = xsChildren(simple ?? complex, 'extension', 'restriction');
      out.derivation = der.localName;
      out.base = this.qname(der, der.getAttribute('base'));
      body = der;
      if (simple) {
        // simpleContent: the text's type is the base's text (or the base itself).
        out.text = this.isComplex(out.base) ? this.textOf(out.base) : out.base;
        out.base = this.isComplex(out.base) ? out.base : null;
      }
    }
    for (const c of xsChildren(body)) {
      switch (c.localName) {
        case 'sequence':
        case 'choice':
        case 'all':
        case 'group':
          this.particles(c, 1, 1, false, out.elements);
          break;
        case 'attribute':
          out.attributes.push(this.attribute(c));
          break;
        case 'attributeGroup':
          out.attributes.push(...this.attributeGroup(c));
          break;
        default:
          break; // anyAttribute, annotation
      }
    }
    return out;
  }

  textOf(complexName) {
    const c = this.ownContent(complexName);
    return c.text ?? (c.base ? this.textOf(c.base) : null);
  }

  attribute(node) {
    const ref = node.getAttribute('ref');
    if (ref) {
      const q = this.qname(node, ref);
      return { name: q.split(':')[1], type: 'xs:string', required: node.getAttribute('use') === 'required' };
    }
    const type = node.getAttribute('type');
    return {
      name: node.getAttribute('name'),
      type: type ? this.qname(node, type) : 'xs:string',
      required: node.getAttribute('use') === 'required',
    };
  }

  attributeGroup(node) {
    const group = this.attributeGroups.get(this.qname(node, node.getAttribute('ref')));
    if (!group) throw new Error(`no attribute group ${node.getAttribute('ref')}`);
    const out = [];
    for (const c of xsChildren(group)) {
      if (c.localName === 'attribute') out.push(this.attribute(c));
      if (c.localName === 'attributeGroup') out.push(...this.attributeGroup(c));
    }
    return out;
  }

  /** Flattens a model group into `out`, carrying the enclosing cardinality. */
  particles(node, min, max, inChoice, out) {
    const nmin = min * occurs(node, 'minOccurs', 1);
    const nmax = max * occurs(node, 'maxOccurs', 1);
    switch (node.localName) {
      case 'group': {
        const group = this.groups.get(this.qname(node, node.getAttribute('ref')));
        if (!group) throw new Error(`no group ${node.getAttribute('ref')}`);
        for (const c of xsChildren(group, 'sequence', 'choice', 'all')) {
          this.particles(c, nmin, nmax, inChoice, out);
        }
        return;
      }
      case 'sequence':
      case 'all':
      case 'choice': {
        const choice = inChoice || node.localName === 'choice';
        for (const c of xsChildren(node, 'element', 'sequence', 'choice', 'group', 'any')) {
          this.particles(c, nmin, nmax, choice, out);
        }
        return;
      }
      case 'element': {
        const ref = node.getAttribute('ref');
        if (ref) {
          const q = this.qname(node, ref);
          const el = this.elements.get(q);
          // A substitution group head (`t:Path`) stands for its members.
          const members = [...this.elements.entries()].filter(
            ([, e]) => e.getAttribute('substitutionGroup') && this.qname(e, e.getAttribute('substitutionGroup')) === q,
          );
          const decls = members.length ? members.map(([n, e]) => [n, e]) : [[q, el]];
          for (const [n, e] of decls) {
            out.push({
              name: n.split(':')[1],
              type: e.getAttribute('type') ? this.qname(e, e.getAttribute('type')) : null,
              anonymous: e.getAttribute('type') ? null : e,
              min: members.length ? 0 : nmin,
              max: nmax,
              choice: inChoice || members.length > 0,
            });
          }
          return;
        }
        const type = node.getAttribute('type');
        out.push({
          name: node.getAttribute('name'),
          type: type ? this.qname(node, type) : null,
          anonymous: type ? null : node,
          min: nmin,
          max: nmax,
          choice: inChoice,
        });
        return;
      }
      default:
        return; // xs:any: not a named child
    }
  }

  /** The base chain of a complex type, nearest first. */
  bases(name) {
    const out = [];
    for (let b = this.ownContent(name).base; b; b = this.ownContent(b).base) out.push(b);
    return out;
  }

  /** Does complex type `name` derive from `ancestor` (or is it)? */
  derivesFrom(name, ancestor) {
    return name === ancestor || this.bases(name).includes(ancestor);
  }

  /**
   * A simple type (named, or the anonymous one inside `node`) reduced to the
   * built-in type it restricts: `{ builtin: 'xs:int', list: false }`.
   */
  builtinOf(name) {
    if (name.startsWith('xs:')) return { builtin: name, list: false };
    const node = this.simpleTypes.get(name);
    if (!node) throw new Error(`no simple type ${name}`);
    return this.builtinOfNode(node);
  }

  builtinOfNode(node) {
    const [r] = xsChildren(node, 'restriction');
    if (r) {
      const base = r.getAttribute('base');
      if (base) return this.builtinOf(this.qname(r, base));
      const [inner] = xsChildren(r, 'simpleType');
      return this.builtinOfNode(inner);
    }
    if (xsChildren(node, 'list').length) return { builtin: 'xs:string', list: true };
    const [union] = xsChildren(node, 'union');
    if (union) {
      // A union reads as its first member type (EWS unions add a special
      // spelling to a numeric or date type).
      const members = (union.getAttribute('memberTypes') || '').split(/\s+/).filter(Boolean);
      if (members.length) return this.builtinOf(this.qname(union, members[0]));
      const [inner] = xsChildren(union, 'simpleType');
      if (inner) return this.builtinOfNode(inner);
    }
    throw new Error('unsupported simple type');
  }

  /** Does a simple type (or one it restricts) require at least one character (`minLength`/`length`)? */
  nonEmpty(name) {
    for (let t = name; t && !t.startsWith('xs:'); ) {
      const node = this.simpleTypes.get(t);
      if (!node) return false;
      const [r] = xsChildren(node, 'restriction');
      if (!r) return false;
      if (xsChildren(r, 'minLength', 'length').some((f) => Number(f.getAttribute('value')) >= 1)) return true;
      t = r.getAttribute('base') ? this.qname(r, r.getAttribute('base')) : null;
    }
    return false;
  }

  /** The enumeration values of a simple type, in schema order. */
  enumeration(name) {
    const node = this.simpleTypes.get(name);
    if (!node) throw new Error(`no simple type ${name} in the schema`);
    const [r] = xsChildren(node, 'restriction');
    if (!r) throw new Error(`${name} is not a restriction`);
    const values = xsChildren(r, 'enumeration').map((e) => e.getAttribute('value'));
    if (!values.length) throw new Error(`${name} has no enumeration values`);
    return values;
  }
}
