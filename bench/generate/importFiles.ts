/**
 * Files for the import benchmark, written to bench/.data/ (git-ignored): accounts CSVs of 12 columns as a CRM
 * exports them (about 90 bytes a row: 90 MB for 1M rows), some names quoted because they hold commas, and an
 * XLSX of the same shape. Deterministic, so figures compare across runs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { sampleCities } from '../../src/model/sample/cities';
import { seededRandom } from '../../src/model/sample/generateSample';

export const dataDir = path.resolve('bench/.data');

export const importHeaders = [
  'Account ID',
  'Account Name',
  'Industry',
  'Annual Revenue',
  'Employees',
  'Billing Street',
  'Billing City',
  'Billing State/Province',
  'Billing Zip/Postal Code',
  'Billing Country',
  'Account Owner',
  'Created Date',
];

const industries = ['Manufacturing', 'Healthcare', 'Retail', 'Finance', 'Technology', 'Energy', 'Logistics'];

/** One account row as text cells. */
function accountRow(i: number, random: () => number): string[] {
  const city = sampleCities[Math.floor(random() * sampleCities.length)];
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  return [
    `A${i}`,
    i % 10 === 0 ? `Dupont, Fils & Cie ${i}` : `Account ${i}`,
    industries[i % industries.length],
    String(Math.round(random() * 1e7)),
    String(Math.round(random() * 5000)),
    `${i % 300} Main St`,
    city[0],
    city[2],
    city[5],
    city[1],
    `u-${i % 250}`,
    `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  ];
}

const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Writes (once) the CSV of `rows` accounts and answers its path. */
export function accountsCsv(rows: number): string {
  const file = path.join(dataDir, `accounts-${rows}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true });
  const random = seededRandom(rows);
  const lines: string[] = [importHeaders.join(',')];
  for (let i = 0; i < rows; i++) lines.push(accountRow(i, random).map(csvCell).join(','));
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnLetters = 'ABCDEFGHIJKL';

/** Writes (once) an XLSX of `rows` accounts: text as shared strings, numbers as numbers. */
export function accountsXlsx(rows: number): string {
  const file = path.join(dataDir, `accounts-${rows}.xlsx`);
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true });
  const random = seededRandom(rows);
  const shared = new Map<string, number>();
  const sharedIndex = (text: string) => {
    let index = shared.get(text);
    if (index === undefined) shared.set(text, (index = shared.size));
    return index;
  };
  const numeric = new Set([3, 4]);
  const parts: string[] = [];
  const all = [importHeaders, ...Array.from({ length: rows }, (_, i) => accountRow(i, random))];
  all.forEach((cells, r) => {
    let xml = `<row r="${r + 1}">`;
    cells.forEach((cell, c) => {
      const ref = `${columnLetters[c]}${r + 1}`;
      xml +=
        r > 0 && numeric.has(c)
          ? `<c r="${ref}"><v>${cell}</v></c>`
          : `<c r="${ref}" t="s"><v>${sharedIndex(cell)}</v></c>`;
    });
    parts.push(`${xml}</row>`);
  });
  const sst = [...shared.keys()].map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('');
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sst}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join('')}</sheetData></worksheet>`,
    ),
  };
  writeFileSync(file, zipSync(files, { level: 6 }));
  return file;
}

// `npx tsx bench/generate/importFiles.ts` writes them all ahead of a run.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const rows of [100_000, 1_000_000]) console.log(accountsCsv(rows));
  console.log(accountsXlsx(100_000));
}
