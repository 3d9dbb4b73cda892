/**
 * The import's own vocabulary: what a file holds, how each column is read and where it goes, and the problems
 * found on the way. The UI shares it (src/shared/imports.ts); the task is the engine's alone.
 */
export type {
  Ambiguity,
  ColumnMapping,
  DateOrder,
  DecimalSeparator,
  Delimiter,
  FileFormat,
  ImportKind,
  ImportProblem,
  ProblemCode,
  ProblemSeverity,
  TextEncodingName,
  ValueFormat,
} from '../../shared/imports';

export interface ImportTask {
  signal: AbortSignal;
  progress(phase: ImportPhase, done: number, total: number): void;
}

export type ImportPhase = 'reading' | 'geocoding' | 'merging' | 'saving';
