// The contract by area (src/shared/api/index.ts): the model service loads an area's module on the area's first
// call, so every call must belong to exactly one area, and the merged contract must hold every area's calls.
import { describe, expect, it } from 'vitest';
import { isModelMethod, modelAreas, modelCalls, modelMethods } from '../../../src/shared/api';

describe('the contract by area', () => {
  it('puts every call in exactly one area', () => {
    const areasOf = new Map<string, string[]>();
    for (const [area, calls] of Object.entries(modelAreas)) {
      for (const method of Object.keys(calls)) areasOf.set(method, [...(areasOf.get(method) ?? []), area]);
    }
    const inSeveral = [...areasOf].filter(([, areas]) => areas.length > 1);
    expect(inSeveral).toEqual([]);
    expect([...areasOf.keys()].sort()).toEqual([...modelMethods].sort());
  });

  it('validates each call with its own area schema', () => {
    for (const calls of Object.values(modelAreas)) {
      for (const [method, spec] of Object.entries(calls)) {
        expect(isModelMethod(method)).toBe(true);
        expect(modelCalls[method as keyof typeof modelCalls].input).toBe(spec.input);
      }
    }
  });

  it('keeps the first call of every start in the settings area', () => {
    expect(Object.keys(modelAreas.settings).sort()).toEqual(['getInfo', 'getSettings', 'updateSettings']);
  });
});
