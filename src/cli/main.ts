/**
 * `territory-planner`, the command line (Node, no Electron, no browser). One command today:
 *
 *   territory-planner assign --plan plan.territory.json --accounts accounts.csv [--contacts …] [--leads …]
 *                            [--deals …] --out assignments.csv
 *
 * Exit codes (also in `--help`): 0 written, every row read; 1 written, but rows with errors were left out (listed
 * on stderr); 2 wrong usage; 3 a file refused (plan file damaged, newer or not final; a CRM file unreadable or
 * without the columns it needs): nothing written; 4 unexpected failure.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RecordKind } from '../shared/domain';
import { ModelError } from '../shared/errors';
import type { GeoFileName, GeoFileSource } from '../model/import';
import { headlessAssign, type RecordsFile } from './assign';

export const EXIT = { ok: 0, rowsSkipped: 1, usage: 2, refused: 3, failed: 4 } as const;

export const helpText = `territory-planner: re-apply a finalized territory plan to fresh CRM exports, headless.

Usage:
  territory-planner assign --plan <plan.territory.json[.gz]> --accounts <file> [options] --out <file>
  territory-planner --help | --version

The plan file is written by the app (File > Export… > Plan file). The CRM files are CSV, TSV or XLSX exports
(Salesforce, HubSpot, Zoho, Dynamics… in English, French or German), read as the app's import wizard reads them:
columns recognised by their headers, countries by name or code, the places resolved and geocoded offline. The plan's
rules, geography and by-hand placements (matched by external ID) are applied, and the result is written with the
same columns as the app's assignments export.

Options:
  --plan <file>           the plan file (required)
  --accounts <file>       accounts export
  --contacts <file>       contacts export (they follow their accounts: give --accounts too)
  --leads <file>          leads export
  --deals <file>          deals / opportunities export
  --out <file>            where to write (required); .xlsx writes a workbook, anything else CSV
  --layout <layout>       per-territory (default: one row per record and territory, and one for each record in no
                          territory) or per-record (territories joined with "; ")
  --csv-style <style>     default (",", decimal point) or french (";", decimal comma)
  --default-country <cc>  country of rows that name none (ISO code, e.g. US)
  --allow-draft           apply a plan that is not finalized (its rows say "draft")
  --quiet                 no progress or summary on stderr (problems are still listed)
  -h, --help              this text
  -v, --version           the version

Exit codes:
  0  written; every row read
  1  written; rows with errors (no external ID, a duplicate ID…) were left out, as the app's import leaves them out
  2  wrong usage
  3  a file refused (damaged, newer, not final, or without the columns it needs): nothing written
  4  unexpected failure: nothing written

Problems are written to stderr as "file:row:column: severity: message", the row as a spreadsheet numbers it.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Writes the chunks as they come (the file is never whole in memory), atomically: a failed run never leaves a
   * half-written file.
   */
  writeFile(path: string, chunks: Iterable<Uint8Array>): Promise<void>;
  geoSource: GeoFileSource;
  now?: () => string;
}

const kindOptions: readonly [string, RecordKind][] = [
  ['accounts', 'account'],
  ['contacts', 'contact'],
  ['leads', 'lead'],
  ['deals', 'deal'],
];

function usage(io: CliIo, message: string): number {
  io.stderr(`territory-planner: ${message}\nRun "territory-planner --help" for the options.\n`);
  return EXIT.usage;
}

/** Runs the command line and answers its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        plan: { type: 'string' },
        accounts: { type: 'string' },
        contacts: { type: 'string' },
        leads: { type: 'string' },
        deals: { type: 'string' },
        out: { type: 'string' },
        layout: { type: 'string' },
        'csv-style': { type: 'string' },
        'default-country': { type: 'string' },
        'allow-draft': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(helpText);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout('territory-planner 0.1.0\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) return usage(io, 'no command: the command is "assign"');
  if (positionals[0] !== 'assign' || positionals.length > 1)
    return usage(io, `unknown command "${positionals.join(' ')}": the command is "assign"`);
  if (!values.plan) return usage(io, '--plan is required');
  if (!values.out) return usage(io, '--out is required');
  const given = kindOptions.filter(([option]) => values[option as 'accounts'] !== undefined);
  if (given.length === 0) return usage(io, 'give at least one CRM file (--accounts, --contacts, --leads, --deals)');
  const layout = values.layout ?? 'per-territory';
  if (layout !== 'per-territory' && layout !== 'per-record')
    return usage(io, `--layout is per-territory or per-record, not "${layout}"`);
  const csvStyle = values['csv-style'] ?? 'default';
  if (csvStyle !== 'default' && csvStyle !== 'french')
    return usage(io, `--csv-style is default or french, not "${csvStyle}"`);
  const defaultCountry = values['default-country']?.trim().toUpperCase() ?? null;
  if (defaultCountry !== null && !/^[A-Z]{2}$/.test(defaultCountry))
    return usage(io, `--default-country is a two-letter ISO code (US, FR, DE…), not "${values['default-country']}"`);
  const quiet = values.quiet === true;
  const started = Date.now();

  const read = async (path: string): Promise<Uint8Array | null> => {
    try {
      return await io.readFile(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      io.stderr(`${path}: ${reason}\n`);
      return null;
    }
  };
  const planBytes = await read(values.plan);
  if (!planBytes) return EXIT.refused;
  const files: RecordsFile[] = [];
  for (const [option, kind] of given) {
    const path = values[option as 'accounts']!;
    const bytes = await read(path);
    if (!bytes) return EXIT.refused;
    files.push({ kind, fileName: basename(path), bytes });
  }

  let lastProgress = 0;
  try {
    const result = await headlessAssign({
      planFileName: basename(values.plan),
      planBytes,
      files,
      geoSource: io.geoSource,
      format: values.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
      layout: layout === 'per-record' ? 'perRecord' : 'perTerritory',
      csvStyle,
      defaultCountry,
      allowDraft: values['allow-draft'] === true,
      now: io.now,
      progress: quiet
        ? undefined
        : (phase, done, total) => {
            const now = Date.now();
            if (now - lastProgress < 1000 && done < total) return;
            lastProgress = now;
            io.stderr(`${phase}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}\n`);
          },
    });
    // Tens of thousands of problems (a region unknown on every row of it): written in batches, not one call each.
    let lines: string[] = [];
    for (const p of result.problems) {
      lines.push(`${p.fileName}:${p.row}:${p.column ?? '-'}: ${p.severity}: ${p.message}\n`);
      if (lines.length === 1_000) {
        io.stderr(lines.join(''));
        lines = [];
      }
    }
    if (lines.length > 0) io.stderr(lines.join(''));
    for (const message of result.ruleProblems) io.stderr(`${basename(values.plan)}: rule: ${message}\n`);
    if (result.manualNotFound > 0)
      io.stderr(
        `${basename(values.plan)}: notice: ${result.manualNotFound} by-hand placement(s) name records not in the files\n`,
      );
    await io.writeFile(values.out, result.chunks);
    const skipped = result.kinds.reduce((sum, k) => sum + k.skipped, 0);
    if (!quiet) {
      for (const k of result.kinds) {
        io.stderr(
          `${k.fileName}: ${k.rowsRead.toLocaleString('en')} ${k.kind}s read, ${k.assigned.toLocaleString('en')} in a territory, ${k.unassigned.toLocaleString('en')} in none, ${k.skipped.toLocaleString('en')} left out\n`,
        );
      }
      io.stderr(
        `${values.out}: ${result.rows.toLocaleString('en')} rows of "${result.plan.name}" (${result.plan.status}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    return skipped > 0 ? EXIT.rowsSkipped : EXIT.ok;
  } catch (error) {
    if (error instanceof ModelError && error.code !== 'INTERNAL') {
      io.stderr(`territory-planner: ${error.message}\n`);
      return error.code === 'INVALID_INPUT' ? EXIT.usage : EXIT.refused;
    }
    io.stderr(
      `territory-planner: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failed;
  }
}

/** The repository (or installed package) root: resources/geo lives there. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

export function nodeIo(root = packageRoot()): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: async (path) => {
      // The Buffer's own bytes (a Uint8Array already): a 100 MB export is not copied once more.
      const buffer = await readFile(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    writeFile: async (path, chunks) => {
      const temporary = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
      const file = await open(temporary, 'w');
      try {
        for (const chunk of chunks) {
          for (let at = 0; at < chunk.length;) at += (await file.write(chunk, at)).bytesWritten;
        }
        await file.close();
        await rename(temporary, path);
      } catch (error) {
        await file.close().catch(() => {});
        await rm(temporary, { force: true });
        throw error;
      }
    },
    geoSource: (name: GeoFileName) => readFile(join(root, 'resources/geo', name), 'utf8'),
  };
}
