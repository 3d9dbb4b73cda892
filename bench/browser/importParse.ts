import Papa from 'papaparse';

/** papaparse alone on a CSV, in Chromium: the floor the import's read, type, check and save is compared to. */
export async function papaparseParseOnly(url: string): Promise<{ ms: number; rows: number }> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const start = performance.now();
  const text = new TextDecoder().decode(bytes);
  const result = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' });
  const ms = performance.now() - start;
  if (result.data.length < 2) throw new Error('papaparse read nothing');
  return { ms, rows: result.data.length - 1 };
}
