/**
 * docs/plan-file.schema.json is generated from the zod schema the app reads plan files with, so the published
 * schema and the reader never drift. Regenerate with `UPDATE_SCHEMA=1 npx vitest run test/unit/export/planFileSchema`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { planFileSchema } from '../../../src/model/export/planFile';

const path = new URL('../../../docs/plan-file.schema.json', import.meta.url);

function generatedSchema(): string {
  const schema = z.toJSONSchema(planFileSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ $id: 'https://territory-planner.local/plan-file.schema.json', ...schema }, null, 2)}\n`;
}

describe('plan file JSON Schema', () => {
  it('docs/plan-file.schema.json is what the reader checks', () => {
    const generated = generatedSchema();
    if (process.env.UPDATE_SCHEMA) writeFileSync(path, generated);
    // Compared as JSON: Prettier formats the file its own way.
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(generated));
  });
});
