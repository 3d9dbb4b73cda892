/**
 * File names that keep the plan's name as the planner wrote it (accents, CJK, en dashes, emoji) and drop only what
 * a file system refuses: `< > : " / \ | ? *`, control characters, trailing dots and spaces (Windows), and the
 * reserved device names of Windows. A draft's files say so.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what file systems refuse
const REFUSED = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function safeFileStem(name: string): string {
  let stem = name.replace(REFUSED, '').replace(/\s+/g, ' ').trim();
  stem = stem.replace(/[. ]+$/u, '');
  if (RESERVED.test(stem)) stem = `${stem}_`;
  // Most file systems allow 255 bytes; keep room for the suffix and extension.
  while (new TextEncoder().encode(stem).length > 180) stem = Array.from(stem).slice(0, -1).join('');
  return stem || 'plan';
}

/** "FY27 – EMEA - assignments.csv", or "FY27 – EMEA (draft) - assignments.csv" for a plan not final. */
export function exportFileName(planName: string, draft: boolean, what: string, extension: string): string {
  const stem = safeFileStem(planName);
  return `${stem}${draft ? ' (draft)' : ''} - ${what}.${extension}`;
}
