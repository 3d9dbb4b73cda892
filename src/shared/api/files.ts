/**
 * A chosen file's content as a model call takes it: its bytes (the browser host, tests, the CLI), or the id under
 * which the model host already holds them (Electron: main hands them over directly, see OpenedFile). Exactly one.
 */
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../desktop';

export const fileContentFields = {
  bytes: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'the bytes of the file')
    .refine((b) => b.length <= MAX_FILE_BYTES, 'files up to 2 GB can be read')
    .optional(),
  stagedFileId: z.string().min(1).max(64).optional(),
};

export const hasOneFileContent = (input: { bytes?: Uint8Array; stagedFileId?: string }): boolean =>
  (input.bytes === undefined) !== (input.stagedFileId === undefined);

export const oneFileContent = { message: 'either the bytes of the file or the id it is held under, not both' };
