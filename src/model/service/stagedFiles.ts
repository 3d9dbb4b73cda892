/**
 * Files main handed to the model host directly (Electron), each kept under its id until the one call that reads
 * it takes it, so the bytes never travel through the UI. Only the newest few are held: a file whose window went
 * away before asking for it is dropped by later ones instead of staying in memory.
 */
import { ModelError } from '../../shared/errors';

export const KEPT_STAGED_FILES = 2;

export class StagedFiles {
  private readonly files = new Map<string, Uint8Array>();

  put(id: string, bytes: Uint8Array): void {
    this.files.delete(id);
    this.files.set(id, bytes);
    for (const oldest of this.files.keys()) {
      if (this.files.size <= KEPT_STAGED_FILES) break;
      this.files.delete(oldest);
    }
  }

  /** A call's file: the bytes it carries, or those held under its staged id (handed over once). */
  take(input: { bytes?: Uint8Array; stagedFileId?: string }): Uint8Array {
    if (input.bytes) return input.bytes;
    const bytes = input.stagedFileId === undefined ? undefined : this.files.get(input.stagedFileId);
    if (!bytes) {
      throw new ModelError(
        'NOT_FOUND',
        'This file is no longer open for import: choose it again',
        { stagedFileId: input.stagedFileId },
        'importGone',
      );
    }
    this.files.delete(input.stagedFileId!);
    return bytes;
  }

  get size(): number {
    return this.files.size;
  }
}
