/**
 * Electron: main stages a chosen file on the model host (through the host's preload, bytes transferred), so its
 * bytes reach the model without crossing the UI. This keeps each staged file and answers the message its
 * preload relays to main once it is kept.
 */
import { MODEL_FILE_STAGED_MESSAGE, MODEL_STAGE_FILE_MESSAGE } from '../../shared/hostMessages';
import type { ModelService } from '../service';

export interface FileStagedMessage {
  type: typeof MODEL_FILE_STAGED_MESSAGE;
  id: string;
}

/** Keeps the file a stage-file message carries; answers what to reply, or null for any other message. */
export async function stageFileFromMessage(
  service: Promise<ModelService>,
  data: unknown,
): Promise<FileStagedMessage | null> {
  const message = data as { type?: unknown; id?: unknown; bytes?: unknown } | null;
  if (message?.type !== MODEL_STAGE_FILE_MESSAGE) return null;
  const { id, bytes } = message;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64 || !(bytes instanceof Uint8Array)) return null;
  (await service).context.stagedFiles.put(id, bytes);
  return { type: MODEL_FILE_STAGED_MESSAGE, id };
}
