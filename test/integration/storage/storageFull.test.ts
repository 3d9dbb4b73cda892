/** A full disk must be reported as STORAGE_FULL with advice, never as "Cancelled", and change nothing. */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/shared/errors';
import { toErrorPayload } from '../../../src/model/service';
import { isStorageFull } from '../../../src/model/service/storageErrors';
import { openTestModel } from '../testDb';
import { fixture } from '../../unit/import/helpers';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage full', () => {
  it('recognises a quota error however Dexie wraps it', () => {
    const wrapped = [
      quota(),
      new Dexie.AbortError('Transaction aborted', quota()),
      new Dexie.QuotaExceededError('Quota exceeded'),
      new Dexie.BulkError('1 of 2 operations failed', { 0: quota() } as never),
      new Error('commit failed', { cause: new Dexie.AbortError('aborted', quota()) }),
    ];
    for (const error of wrapped) {
      expect(isStorageFull(error), String(error)).toBe(true);
      expect(toErrorPayload(error)).toMatchObject({ code: 'STORAGE_FULL', message: expect.stringMatching(/free/) });
    }
    expect(isStorageFull(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(toErrorPayload(new Dexie.AbortError('Transaction aborted')).code).toBe('STORAGE');
    expect(toErrorPayload(new DOMException('Cancelled', 'AbortError')).code).toBe('CANCELLED');
  });

  describe('an import that hits a full disk', () => {
    const put = IDBObjectStore.prototype.put;
    afterEach(() => {
      IDBObjectStore.prototype.put = put;
    });

    it('answers STORAGE_FULL and leaves the stored records as they were', async () => {
      const model = await openTestModel();
      const { api, db } = model;
      const analysis = await api.analyzeImportFile({
        fileName: 'accounts.csv',
        bytes: fixture('accounts-en-bom.csv'),
        kind: 'account',
      });
      await api.checkImport({ importId: analysis.importId, taskId: 'check', mapping: analysis.mapping });
      const before = { blocks: await db.recordBlocks.count(), meta: await db.recordMeta.toArray() };
      IDBObjectStore.prototype.put = function () {
        throw quota();
      };
      const error = await api.commitImport({ importId: analysis.importId, taskId: 'commit', onlyValidRows: true }).then(
        () => null,
        (e: unknown) => e,
      );
      IDBObjectStore.prototype.put = put;
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).code).toBe('STORAGE_FULL');
      expect(await db.recordBlocks.count()).toBe(before.blocks);
      expect(await db.recordMeta.toArray()).toEqual(before.meta);
      expect(await api.countRecords({})).toMatchObject({ account: 0 });
    });
  });
});
