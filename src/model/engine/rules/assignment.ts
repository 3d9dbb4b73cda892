/**
 * A plan's assignment of one record kind, as typed arrays (CSR): the territories of row r are
 * territories[offsets[r] .. offsets[r + 1]), indexes into territoryIds, each with its source. Large enough for a
 * million records to cross the bridge and be stored in blocks without turning into objects.
 */
import { assignmentSources, type AssignmentSource, type RecordKind } from '../../../shared/domain';

/** Source codes, as stored in AssignmentBlockRow.sources: the index in `assignmentSources`. */
export const SOURCE_RULE = 0;
export const SOURCE_MANUAL = 1;
export const SOURCE_INHERITED = 2;

export interface Assignment {
  kind: RecordKind;
  rowCount: number;
  territoryIds: string[];
  /** rowCount + 1 entries. */
  offsets: Uint32Array;
  /** Indexes into territoryIds. */
  territories: Uint32Array;
  /** SOURCE_RULE, SOURCE_MANUAL or SOURCE_INHERITED, per entry. */
  sources: Uint8Array;
  /** 1 for a live record that landed in no territory (matching only the root counts as no territory). */
  unmatched: Uint8Array;
  /** 1 for a record that matched more territories than the plan allows; it kept the first ones by priority. */
  hitLimit: Uint8Array;
}

export interface RecordPlacement {
  territoryId: string;
  source: AssignmentSource;
}

export function sourceName(code: number): AssignmentSource {
  return assignmentSources[code] ?? 'rule';
}

/** The territories of one record, in the assignment's order (best priority first for rule results). */
export function placementsOf(assignment: Assignment, row: number): RecordPlacement[] {
  if (row < 0 || row >= assignment.rowCount) return [];
  const placements: RecordPlacement[] = [];
  for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
    placements.push({
      territoryId: assignment.territoryIds[assignment.territories[i]],
      source: sourceName(assignment.sources[i]),
    });
  }
  return placements;
}

/** An assignment where no record has a territory (what a plan has before its first run). */
export function emptyAssignment(kind: RecordKind, rowCount: number, territoryIds: string[] = []): Assignment {
  return {
    kind,
    rowCount,
    territoryIds,
    offsets: new Uint32Array(rowCount + 1),
    territories: new Uint32Array(0),
    sources: new Uint8Array(0),
    unmatched: new Uint8Array(rowCount),
    hitLimit: new Uint8Array(rowCount),
  };
}
