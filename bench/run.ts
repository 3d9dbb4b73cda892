/**
 * `npm run bench [name]`: runs bench/<name>.bench.ts (all of them without a name) and prints one line per figure:
 * `<name> <median> <unit> (n=<runs>)`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatFigure, type Figure } from './support/stats';

const wanted = process.argv[2];
const dir = path.resolve('bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted || f === `${wanted}.bench.ts`);

if (files.length === 0) {
  console.error(
    `No benchmark named ${wanted}. Known: ${readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.replace('.bench.ts', ''))
      .join(', ')}`,
  );
  process.exit(2);
}

for (const file of files) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { run(): Promise<Figure[]> };
  for (const figure of await module.run()) console.log(formatFigure(figure));
}
