// Every input the model contract accepts is bounded (arrays and strings have a maximum) and every object in it is
// strict (unknown keys are refused, not silently dropped): issue #12, "Bound every input the contract accepts".
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelCalls } from '../../../src/shared/api';

interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod;

/** Whether a string or array schema carries a maximum length (or an exact one). */
function hasMax(def: Def): boolean {
  const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
  return checks.some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals');
}

/** Paths of the array and string schemas with no maximum, and of the objects that accept unknown keys. */
function unbounded(schema: z.ZodType, path: string, out: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const { def } = defOf(schema);
  const walk = (child: unknown, at: string) => unbounded(child as z.ZodType, at, out, seen);
  switch (def.type) {
    case 'string':
      if (!hasMax(def)) out.push(`${path}: string without max`);
      break;
    case 'array':
      if (!hasMax(def)) out.push(`${path}: array without max`);
      walk(def.element, `${path}[]`);
      break;
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (!catchall || defOf(catchall).def.type !== 'never') out.push(`${path}: object not strict`);
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) walk(value, `${path}.${key}`);
      break;
    }
    case 'record':
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{}`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      walk(def.innerType, path);
      break;
    case 'pipe':
      walk(def.in, path);
      break;
    case 'union':
      (def.options as unknown[]).forEach((o, i) => walk(o, `${path}|${i}`));
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'tuple':
      (def.items as unknown[]).forEach((o, i) => walk(o, `${path}[${i}]`));
      if (def.rest) walk(def.rest, `${path}[...]`);
      break;
    case 'lazy':
      walk((def.getter as () => unknown)(), path);
      break;
  }
  return out;
}

describe('the model contract', () => {
  it('bounds every array and string it accepts and refuses unknown keys', () => {
    const problems = Object.entries(modelCalls).flatMap(([method, spec]) => unbounded(spec.input, method, []));
    expect(problems).toEqual([]);
  });
});

describe('rejections at the contract', () => {
  const refused = (method: keyof typeof modelCalls, input: unknown) =>
    modelCalls[method].input.safeParse(input).success === false;

  it('refuses unknown keys instead of dropping them', () => {
    expect(refused('discardImport', { importId: 'i1' })).toBe(false);
    expect(refused('discardImport', { importId: 'i1', extra: true })).toBe(true);
    expect(refused('setPlanStatus', { planId: 'p1', status: 'final', sneaky: 1 })).toBe(true);
  });

  it('refuses oversized lists and strings', () => {
    const ring = (n: number) => Array.from({ length: n }, (_, i) => [i % 180, i % 90] as [number, number]);
    const patch = (geography: unknown) => ({ planId: 'p1', territoryId: 't1', patch: { geography } });
    const base = { regions: [], postalPrefixes: [], areas: [] };
    expect(refused('updateTerritory', patch({ ...base, areas: [[ring(5)]] }))).toBe(false);
    expect(refused('updateTerritory', patch({ ...base, areas: [[ring(100_001)]] }))).toBe(true);
    expect(refused('updateTerritory', patch({ ...base, regions: Array(10_001).fill('FR') }))).toBe(true);
    expect(refused('discardImport', { importId: 'x'.repeat(65) })).toBe(true);
    expect(refused('setTarget', { planId: 'p', territoryId: 't', userId: null, period: '2027-Q1x', amount: 1 })).toBe(
      true,
    );
  });

  it('takes the same levels for previewing and generating a hierarchy from data: one to four', () => {
    const levels = (n: number) => Array.from({ length: n }, () => ({ field: 'industry' }));
    for (const n of [0, 1, 4, 5]) {
      const preview = refused('previewHierarchyFromData', { levels: levels(n) });
      const generate = refused('generateHierarchyFromData', {
        planId: 'p',
        parentId: 't',
        levels: levels(n),
        withRules: false,
      });
      expect([n, preview]).toEqual([n, n === 0 || n > 4]);
      expect([n, generate]).toEqual([n, preview]);
    }
  });
});
