// Property tests of the mapping rules shared by the wizard and the model (src/shared/imports.ts), with headers and
// saved profiles that use the names every JavaScript object has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeMapping } from '../../../src/model/import/mapping';
import { isSafeFieldKey, reservedFieldKeys } from '../../../src/shared/domain';
import { customFieldKey, mappingIssues } from '../../../src/shared/imports';

const prototypeNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const header = fc.oneof(
  fc.constantFrom(...prototypeNames, 'Account ID', 'Account Name', 'Nombre de sites', 'Chiffre d’affaires (€)', ''),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...prototypeNames).map((n) => n.toUpperCase()),
);
const format = { decimalSeparator: '.', dateOrder: 'mdy' } as const;

describe('the shared mapping rules', () => {
  it('gives every header a safe custom key, unique among the taken ones', () => {
    fc.assert(
      fc.property(
        header,
        fc.uniqueArray(fc.constantFrom(...prototypeNames, 'column', 'notes', 'notes2')),
        (h, taken) => {
          const key = customFieldKey(h, new Set(taken));
          expect(isSafeFieldKey(key)).toBe(true);
          expect(reservedFieldKeys.has(key)).toBe(false);
          expect(taken).not.toContain(key);
        },
      ),
    );
  });

  it('proposes a mapping of own, safe, distinct keys that crosses the bridge, whatever the saved profile', () => {
    const profileEntry = fc.tuple(
      header,
      fc.oneof(fc.constant(null), fc.constantFrom(...prototypeNames, 'name', 'externalId', 'notes')),
    );
    fc.assert(
      fc.property(
        fc.array(header, { minLength: 1, maxLength: 12 }),
        fc.array(profileEntry, { maxLength: 8 }),
        (headers, entries) => {
          // As a stored profile holds them: own keys, "__proto__" included.
          const profile = JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, string | null>;
          const mapping = proposeMapping({
            kind: 'account',
            headers,
            samples: headers.map(() => []),
            formats: headers.map(() => format),
            profile,
          });
          expect(() => structuredClone(mapping)).not.toThrow();
          const fields = mapping.flatMap((m) => (m.field === null ? [] : [m.field]));
          for (const field of fields) expect(isSafeFieldKey(field), field).toBe(true);
          expect(new Set(fields).size).toBe(fields.length);
          expect(mappingIssues([], mapping)).toEqual([]);
        },
      ),
    );
  });
});
