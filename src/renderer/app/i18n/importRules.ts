/**
 * Text of the import's limits and mapping rules (src/shared/imports.ts), English and French. en.ts and fr.ts take
 * them in under `importRules`; French is held to the English keys by the type checker. Numbers arrive formatted.
 */
import type { ImportLimit } from '../../../shared/imports';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const limitsEn: Record<ImportLimit, string> = {
  columnReference:
    '{{name}} has a cell at {{where}}, beyond column XFD, the last of a spreadsheet ({{max}} columns): it was not saved by a spreadsheet program. Open it in Excel and save it again.',
  rowReference:
    '{{name}} has a cell at {{where}}, beyond row {{max}}, the last of a spreadsheet. Open it in Excel and save it again.',
  cellsPerRow:
    'Row {{row}} of {{name}} has more than {{max}} cells, the most a spreadsheet row can have. Check that the file is the export you meant.',
  columnsPerFile:
    '{{name}} has {{found}} columns: at most {{max}} can be imported. Keep the columns you need and import again.',
  rows: '{{name}} has more than {{max}} rows, the most one import takes. Split it into several files.',
  sharedStrings:
    '{{name}} holds more than {{max}} different texts, the most one import takes. Split it into several files.',
  sharedStringChars:
    'The texts of {{name}} are longer than {{max}} characters in all, the most one import takes. Split it into several files.',
  partBytes:
    '{{name}} unpacks to more than {{max}} bytes ({{where}}), more than one import takes or more than the file itself declares. Open it in Excel and save it again, or split it.',
  reservedBytes:
    '{{name}} would need about {{found}} bytes of memory for its rows (at most {{max}}). Import fewer columns or split the file.',
};

const limitsFr: Record<ImportLimit, string> = {
  columnReference:
    '{{name}} a une cellule en {{where}}, au-delà de la colonne XFD, la dernière d’un tableur ({{max}} colonnes) : il n’a pas été enregistré par un tableur. Ouvrez-le dans Excel et enregistrez-le de nouveau.',
  rowReference:
    '{{name}} a une cellule en {{where}}, au-delà de la ligne {{max}}, la dernière d’un tableur. Ouvrez-le dans Excel et enregistrez-le de nouveau.',
  cellsPerRow:
    'La ligne {{row}} de {{name}} a plus de {{max}} cellules, le maximum d’une ligne de tableur. Vérifiez qu’il s’agit bien de l’export voulu.',
  columnsPerFile:
    '{{name}} a {{found}} colonnes : {{max}} au plus peuvent être importées. Gardez les colonnes utiles et importez de nouveau.',
  rows: '{{name}} a plus de {{max}} lignes, le maximum d’un import. Découpez-le en plusieurs fichiers.',
  sharedStrings:
    '{{name}} contient plus de {{max}} textes différents, le maximum d’un import. Découpez-le en plusieurs fichiers.',
  sharedStringChars:
    'Les textes de {{name}} dépassent {{max}} caractères au total, le maximum d’un import. Découpez-le en plusieurs fichiers.',
  partBytes:
    '{{name}} se décompresse en plus de {{max}} octets ({{where}}) : plus que ce qu’un import accepte ou que ce que le fichier annonce lui-même. Ouvrez-le dans Excel et enregistrez-le de nouveau, ou découpez-le.',
  reservedBytes:
    '{{name}} demanderait environ {{found}} octets de mémoire pour ses lignes (au plus {{max}}). Importez moins de colonnes ou découpez le fichier.',
};

export const importRulesEn = {
  limits: limitsEn,
  unsafeFieldKey: '“{{field}}” (column {{column}}) cannot be a field name: use letters, digits and _ only.',
};

export const importRulesFr: Shape<typeof importRulesEn> = {
  limits: limitsFr,
  unsafeFieldKey:
    '« {{field}} » (colonne {{column}}) ne peut pas être un nom de champ : lettres, chiffres et _ seulement.',
};
