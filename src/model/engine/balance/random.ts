/** A seeded source of numbers in [0, 1) (mulberry32): the same seed gives the same balanced plan. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Fisher–Yates, in place. */
    shuffle(items: Uint32Array): void {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const swap = items[i];
        items[i] = items[j];
        items[j] = swap;
      }
    },
  };
}
