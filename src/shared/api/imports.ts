/**
 * Importing spreadsheets, as the wizard drives it: the file's bytes cross the bridge once (analyzeImportFile),
 * then the model keeps them under an import id for the later steps, so a 90 MB file is not sent three times.
 * Check and commit are long tasks: they report progress under the caller's task id and can be cancelled.
 */
import { z } from 'zod';
import { id } from '../domain';
import {
  columnMappingSchema,
  delimiter,
  importKind,
  textEncodingName,
  type ImportAnalysis,
  type ImportCheck,
  type ImportLogEntry,
  type ImportProfile,
  type ImportResult,
} from '../imports';
import { placeFixSchema } from '../places';
import { call } from './contract';
import { fileContentFields, hasOneFileContent, oneFileContent } from './files';

const taskId = z.string().min(1).max(64);
const fileName = z.string().trim().min(1).max(1_000);

/** How many problems a check lists at most (all are counted; the CSV of problem rows holds more). */
export const MAX_LISTED_CHECK_PROBLEMS = 5_000;

export const importCalls = {
  /** Reads a sample of the file: format, encoding, delimiter, headers, preview, proposed mapping. Keeps the bytes. */
  analyzeImportFile: call(
    z
      .strictObject({
        fileName,
        ...fileContentFields,
        kind: importKind,
        encoding: textEncodingName.optional(),
        delimiter: delimiter.optional(),
      })
      .refine(hasOneFileContent, oneFileContent),
  ).returns<ImportAnalysis>(),
  /** Reads the kept file again, as another kind or with the encoding or delimiter the planner chose. */
  reanalyzeImport: call(
    z.strictObject({
      importId: id,
      kind: importKind,
      encoding: textEncodingName.optional(),
      delimiter: delimiter.optional(),
    }),
  ).returns<ImportAnalysis>(),
  /** The Check step: reads the whole file with this mapping, types, validates and geocodes it. Writes nothing. */
  checkImport: call(
    z.strictObject({
      importId: id,
      taskId,
      mapping: z.array(columnMappingSchema).min(1).max(100_000),
      /** Country of rows that name none (for locating them). */
      defaultCountry: z.string().max(100).nullable().optional(),
      problemLimit: z.number().int().min(0).max(MAX_LISTED_CHECK_PROBLEMS).optional(),
      /** The planner's answers for place values the import could not resolve ("Belgique" -> BE). */
      placeFixes: z.array(placeFixSchema).max(10_000).optional(),
      /** The plan the planner works in: amounts in another currency than its own are flagged. */
      planId: id.nullable().optional(),
    }),
  ).returns<ImportCheck>(),
  /** The rows with errors or warnings as CSV text (formulas escaped), to fix in a spreadsheet and import again. */
  importProblemRowsCsv: call(z.strictObject({ importId: id })).returns<{ fileName: string; csv: string }>(),
  /**
   * The Import step: upserts the checked rows by external ID in one transaction (a cancel or a failure changes
   * nothing) and forgets the file. With `profileName`, the mapping is saved for files of the same shape.
   */
  commitImport: call(
    z.strictObject({
      importId: id,
      taskId,
      /** Skip the rows with warnings too (rows with errors are always skipped). */
      onlyValidRows: z.boolean(),
      profileName: z.string().trim().min(1).max(200).nullable().optional(),
      /** The plan open: when it is a draft, the import is a step of its history (undo takes it back). */
      planId: id.nullable().optional(),
    }),
  ).returns<ImportResult>(),
  /** Forgets a file the planner did not import. */
  discardImport: call(z.strictObject({ importId: id })).returns<void>(),

  listImportProfiles: call(z.strictObject({ kind: importKind.optional() })).returns<ImportProfile[]>(),
  deleteImportProfile: call(z.strictObject({ profileId: id })).returns<void>(),
  /** The latest imports, newest first. */
  listImportLog: call(z.strictObject({ limit: z.number().int().min(1).max(1_000).optional() })).returns<
    ImportLogEntry[]
  >(),
};
