/** A person's name compared without case, accents, punctuation, extra spaces or the order "Last, First". */
export function personKey(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  const comma = folded.indexOf(',');
  const ordered = comma > 0 ? `${folded.slice(comma + 1).trim()} ${folded.slice(0, comma).trim()}` : folded;
  return ordered
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
