// Seeded pseudo-random numbers (sfc32 seeded through a string hash). All the
// mailbox data comes from here, never from Math.random, so the same seed
// always gives the same mailbox, ids and change sequence.

function hashSeed(seed) {
  // FNV-1a over the string form, expanded into four 32-bit words.
  const str = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const words = [];
  for (let k = 0; k < 4; k++) {
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    words.push(h >>> 0);
    h = (h + 0x9e3779b9) >>> 0;
  }
  return words;
}

export class Rng {
  constructor(seed = 1) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next() {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a; this.b = b; this.c = c; this.d = d;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }

  /** True with probability p. */
  bool(p = 0.5) { return this.next() < p; }

  /** One element of a non-empty array. */
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }

  /** n pseudo-random bytes. */
  bytes(n) {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** Fills buf[offset .. offset+n) with pseudo-random bytes. */
  fill(buf, offset, n) {
    for (let i = 0; i < n; i++) buf[offset + i] = Math.floor(this.next() * 256);
    return buf;
  }

  /** Lower-case hex string of n bytes. */
  hex(n) { return this.bytes(n).toString('hex'); }

  /** A GUID-shaped string. */
  guid() {
    const h = this.hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}
