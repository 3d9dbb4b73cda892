/**
 * The headless `territory-planner assign` against the app: a plan built through the model service over the real
 * Dexie schema (fake-indexeddb), from CRM-shaped exports imported by the wizard's calls, finalized and exported
 * (assignments CSV, XLSX and the plan file); then the command line, given the plan file and the same CRM files,
 * must write the very same bytes. Also: its exit codes, problems named by file, row and column, and refusals.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import type { ImportKind } from '../../src/shared/imports';
import { EXIT, helpText, runCli, type CliIo } from '../../src/cli/main';
import { concatChunks } from '../../src/model/export/byteSink';
import { readXlsxRows } from '../../src/model/import/xlsx';
import { geoSource } from '../unit/import/helpers';
import { openTestModel } from './testDb';

const fixtures = join(__dirname, '../fixtures/cli');
const files: Record<string, Uint8Array> = {};
const NOW = '2026-12-01T23:00:00.000Z';

beforeAll(async () => {
  for (const name of ['accounts-salesforce.csv', 'contacts-hubspot.csv', 'deals-salesforce.csv'])
    files[name] = new Uint8Array(await readFile(join(fixtures, name)));
});

/** The bytes as text, a byte order mark kept: the files must be the same to the byte. */
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

let tasks = 0;
async function importFile(api: ModelApi, name: string, kind: ImportKind) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes: files[name], kind });
  await api.checkImport({ importId: analysis.importId, taskId: `check-${tasks++}`, mapping: analysis.mapping });
  // As a planner who imports what can be imported: rows with errors are left out, rows with warnings kept.
  await api.commitImport({ importId: analysis.importId, taskId: `commit-${tasks++}`, onlyValidRows: false });
}

/** An in-memory file system and captured output. */
function memoryIo(extra: Record<string, Uint8Array> = {}) {
  const disk = new Map<string, Uint8Array>(Object.entries({ ...files, ...extra }));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path) => {
      const bytes = disk.get(path);
      if (!bytes) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
      return bytes;
    },
    writeFile: async (path, chunks) => void disk.set(path, concatChunks(chunks)),
    geoSource,
    now: () => NOW,
  };
  return { io, disk, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function buildPlan() {
  const { api } = await openTestModel();
  await importFile(api, 'accounts-salesforce.csv', 'account');
  await importFile(api, 'contacts-hubspot.csv', 'contact');
  await importFile(api, 'deals-salesforce.csv', 'deal');
  const plan = await api.createPlan({ name: 'FY27 – Europe & US' });
  const [root] = await api.listTerritories({ planId: plan.id });
  const t = (parentId: string, name: string, code: string) =>
    api.createTerritory({ planId: plan.id, parentId, name, code });
  const europe = await t(root.id, 'Europe', 'EU');
  const france = await t(europe.id, 'France', '-F-016');
  const dach = await t(europe.id, 'DACH', 'DACH');
  const finance = await t(dach.id, 'DACH Finance', 'DACH-FIN');
  const us = await t(root.id, 'US East', 'US-E');
  const rule = (territoryId: string, conditions: Parameters<ModelApi['createRule']>[0]['conditions']) =>
    api.createRule({ planId: plan.id, territoryId, recordKind: 'account', conditions });
  // Countries written as names, codes and in other languages resolve to the same ISO codes: rules read those.
  await rule(europe.id, [{ field: 'country', operator: 'inRegions', value: ['FR', 'DE', 'AT', 'CH'] }]);
  await rule(france.id, [{ field: 'country', operator: 'inRegions', value: ['FR'] }]);
  await rule(dach.id, [{ field: 'country', operator: 'inRegions', value: ['DE', 'AT', 'CH'] }]);
  await rule(finance.id, [{ field: 'industry', operator: 'is', value: 'Finance' }]);
  // Dover, DE is Delaware (US-DE), not Germany.
  await rule(us.id, [{ field: 'country', operator: 'inRegions', value: ['US-DE', 'US-MA'] }]);
  await api.createRule({
    planId: plan.id,
    territoryId: us.id,
    recordKind: 'deal',
    conditions: [{ field: 'amount', operator: 'gt', value: 100_000 }],
  });
  const anne = await api.createUser({ name: 'Anne Leroy', externalId: 'U-ANNE', email: 'anne@example.com' });
  const bert = await api.createUser({ name: 'Bert Vogel', externalId: 'U-BERT', email: 'bert@example.com' });
  // Carl owns accounts but is in no territory: the plan file carries him all the same.
  await api.createUser({ name: 'Carl Kühn', externalId: 'U-CARL', email: 'carl@example.com' });
  await api.setMembership({ planId: plan.id, territoryId: france.id, userId: anne.id, role: 'manager' });
  await api.setMembership({ planId: plan.id, territoryId: dach.id, userId: bert.id, role: 'manager' });
  await api.setMembership({ planId: plan.id, territoryId: finance.id, userId: anne.id, role: 'member' });
  const preview = await api.runRules({ planId: plan.id, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
  // The formula-named Madrid account (row 8 of the file, record 7) placed by hand in Europe.
  await api.assignManually({ planId: plan.id, kind: 'account', recordIds: [7], territoryId: europe.id });
  await api.setPlanStatus({ planId: plan.id, status: 'final' });
  return { api, planId: plan.id };
}

describe('territory-planner assign', () => {
  it('writes what the app exports for the same plan and the same CRM files, CSV and XLSX', async () => {
    const { api, planId } = await buildPlan();
    const appCsv = (await api.exportPlan({ planId, what: 'assignments' })).files[0];
    const appFrench = (await api.exportPlan({ planId, what: 'assignments', csvStyle: 'french', layout: 'perRecord' }))
      .files[0];
    const appXlsx = (await api.exportPlan({ planId, what: 'assignments', format: 'xlsx' })).files[0];
    const planFile = (await api.exportPlan({ planId, what: 'planFile', gzip: true })).files[0];
    expect(appCsv.fileName).toBe('FY27 – Europe & US - assignments.csv');

    const { io, disk, stderr } = memoryIo({ 'plan.territory.json.gz': planFile.bytes });
    const args = [
      'assign',
      '--plan',
      'plan.territory.json.gz',
      '--accounts',
      'accounts-salesforce.csv',
      '--contacts',
      'contacts-hubspot.csv',
      '--deals',
      'deals-salesforce.csv',
    ];
    // Two rows of the accounts file have errors (a duplicate ID, no ID): left out, as the app left them out.
    expect(await runCli([...args, '--out', 'out.csv'], io)).toBe(EXIT.rowsSkipped);
    expect(text(disk.get('out.csv')!)).toBe(text(appCsv.bytes));

    // What the rows say, read back: the check is not only "same as the app".
    const rows = Papa.parse<string[]>(strFromU8(disk.get('out.csv')!), { skipEmptyLines: true }).data;
    const byId = (id: string) => rows.filter((r) => r[1] === id).map((r) => `${r[5]}|${r[8]}|${r[10]}|${r[13]}`);
    expect(byId('001A01')).toEqual(['-F-016|rule|Anne Leroy|Anne Leroy']);
    expect(byId('001A12')).toEqual(['-F-016|rule|Anne Leroy|Anne Leroy']); // "Frankreich"
    expect(byId('001A05')).toEqual(['DACH-FIN|rule||Carl Kühn']);
    expect(byId('001A06')).toEqual(['US-E|rule||']); // Dover, DE: Delaware
    expect(byId('001A08')).toEqual(['EU|manual||']);
    expect(byId('C-2')).toEqual(['DACH|inherited|Bert Vogel|Bert Vogel']);
    expect(byId('C-3')).toEqual(['|none||']); // its account is not in the file
    expect(byId('006D03')[0]).toMatch(/^DACH\|inherited/);
    expect(rows.find((r) => r[1] === '001A08')![2]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows.some((r) => r[2] === 'Duplicate Row Again' || r[2] === 'No Identifier Ltd')).toBe(false);
    expect(new Set(rows.slice(1).map((r) => r[14]))).toEqual(new Set(['final']));

    // Problems by file, row (as a spreadsheet numbers it) and column.
    expect(stderr()).toContain('accounts-salesforce.csv:11:Account ID: error:');
    expect(stderr()).toContain('accounts-salesforce.csv:12:');
    expect(stderr()).toMatch(/contacts-hubspot\.csv:4:Company ID: warning: No account has the external ID "001A99"/);

    expect(await runCli([...args, '--out', 'out.csv', '--csv-style', 'french', '--layout', 'per-record'], io)).toBe(
      EXIT.rowsSkipped,
    );
    expect(text(disk.get('out.csv')!)).toBe(text(appFrench.bytes));

    expect(await runCli([...args, '--out', 'out.xlsx', '--quiet'], io)).toBe(EXIT.rowsSkipped);
    const sheet = async (bytes: Uint8Array) => {
      const out: string[][] = [];
      await readXlsxRows(bytes, 'x.xlsx', { onRow: (cells) => void out.push(cells) });
      return out;
    };
    expect(await sheet(disk.get('out.xlsx')!)).toEqual(await sheet(appXlsx.bytes));
  }, 90_000);

  it('runs as a process from the bin entry (npx territory-planner), reading the geo files from disk', async () => {
    const { api, planId } = await buildPlan();
    const dir = await mkdtemp(join(tmpdir(), 'territory-cli-'));
    try {
      const plan = join(dir, 'plan.territory.json');
      await writeFile(plan, (await api.exportPlan({ planId, what: 'planFile' })).files[0].bytes);
      const bin = join(__dirname, '../../bin/territory-planner.mjs');
      const out = join(dir, 'assignments.csv');
      const accounts = join(fixtures, 'accounts-salesforce.csv');
      const run = spawnSync(process.execPath, [bin, 'assign', '--plan', plan, '--accounts', accounts, '--out', out], {
        encoding: 'utf8',
      });
      expect(run.stderr).toContain('accounts-salesforce.csv:11:Account ID: error:');
      expect(run.stderr).toMatch(/13 accounts read, 11 in a territory, 0 in none, 2 left out/);
      expect(run.status).toBe(EXIT.rowsSkipped);
      const app = await api.exportPlan({ planId, what: 'assignments', kinds: ['account'] });
      expect(text(await readFile(out))).toBe(text(app.files[0].bytes));
      const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout).toBe(helpText);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers --help, and refuses wrong usage, missing files, damaged and draft plans with their exit codes', async () => {
    const { io, stdout, stderr, disk } = memoryIo({
      'cut.territory.json': new TextEncoder().encode('{"format":"territory-planner/plan","version":1,"pl'),
      'newer.territory.json': new TextEncoder().encode('{"format":"territory-planner/plan","version":99}'),
    });
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    expect(stdout()).toBe(helpText);
    expect(stdout()).toContain('Exit codes:');
    expect(await runCli([], io)).toBe(EXIT.usage);
    expect(await runCli(['assign', '--out', 'x.csv', '--accounts', 'accounts-salesforce.csv'], io)).toBe(EXIT.usage);
    expect(await runCli(['assign', '--plan', 'p', '--out', 'x.csv'], io)).toBe(EXIT.usage);
    expect(await runCli(['assign', '--plan', 'p', '--accounts', 'a', '--out', 'x', '--bogus'], io)).toBe(EXIT.usage);
    expect(await runCli(['assign', '--plan', 'p', '--accounts', 'a', '--out', 'x', '--layout', 'wide'], io)).toBe(
      EXIT.usage,
    );
    expect(await runCli(['assign', '--plan', 'none.json', '--accounts', 'a.csv', '--out', 'x.csv'], io)).toBe(
      EXIT.refused,
    );
    expect(stderr()).toContain('none.json: no such file');
    const assign = (plan: string) =>
      runCli(['assign', '--plan', plan, '--accounts', 'accounts-salesforce.csv', '--out', 'x.csv'], io);
    expect(await assign('cut.territory.json')).toBe(EXIT.refused);
    expect(stderr()).toContain('"cut.territory.json" is not a complete plan file');
    expect(await assign('newer.territory.json')).toBe(EXIT.refused);
    expect(stderr()).toContain('written by a newer Territory Planner');
    expect(disk.has('x.csv')).toBe(false);
  });

  it('refuses a draft unless allowed, and a CRM file without the columns it needs', async () => {
    const { api } = await openTestModel();
    await importFile(api, 'accounts-salesforce.csv', 'account');
    const plan = await api.createPlan({ name: 'Draft plan' });
    const draft = (await api.exportPlan({ planId: plan.id, what: 'planFile' })).files[0].bytes;
    const { io, stderr, disk } = memoryIo({
      'draft.territory.json': draft,
      'no-ids.csv': new TextEncoder().encode('Company,Town\nAcme,Paris\n'),
    });
    const base = ['assign', '--plan', 'draft.territory.json', '--out', 'x.csv'];
    expect(await runCli([...base, '--accounts', 'accounts-salesforce.csv'], io)).toBe(EXIT.refused);
    expect(stderr()).toContain('not finalized');
    expect(await runCli([...base, '--accounts', 'no-ids.csv', '--allow-draft'], io)).toBe(EXIT.refused);
    expect(stderr()).toMatch(/"no-ids\.csv" cannot be read as accounts/);
    expect(disk.has('x.csv')).toBe(false);
    expect(await runCli([...base, '--accounts', 'accounts-salesforce.csv', '--allow-draft', '--quiet'], io)).toBe(
      EXIT.rowsSkipped,
    );
    const rows = Papa.parse<string[]>(strFromU8(disk.get('x.csv')!), { skipEmptyLines: true }).data;
    // A draft's rows say so; with no territory every record gets its "none" row.
    expect(rows.slice(1).every((r) => r[8] === 'none' && r[14] === 'draft')).toBe(true);
    expect(rows.length - 1).toBe(11);
  });
});
