import type { recordCalls } from '../../shared/api/records';
import { recordKinds, type RecordKind } from '../../shared/domain';
import { liveRowCount } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';

export function recordHandlers(ctx: ModelContext): Handlers<typeof recordCalls> {
  return {
    async listFields({ kind }) {
      return (await ctx.records(kind)).fields;
    },

    async countRecords() {
      const counts = await Promise.all(recordKinds.map(async (kind) => liveRowCount(await ctx.records(kind))));
      return Object.fromEntries(recordKinds.map((kind, i) => [kind, counts[i]])) as Record<RecordKind, number>;
    },

    async getRecordPoints({ kind }) {
      const table = await ctx.records(kind);
      const lat = table.columns.get('latitude');
      const lon = table.columns.get('longitude');
      if (lat?.type !== 'number' || lon?.type !== 'number') {
        return { recordIds: new Uint32Array(0), lonLat: new Float32Array(0) };
      }
      const recordIds = new Uint32Array(table.rowCount);
      const lonLat = new Float32Array(table.rowCount * 2);
      let n = 0;
      for (let row = 0; row < table.rowCount; row++) {
        const y = lat.values[row];
        const x = lon.values[row];
        if (table.deleted[row] !== 0 || Number.isNaN(x) || Number.isNaN(y)) continue;
        recordIds[n] = row;
        lonLat[2 * n] = x;
        lonLat[2 * n + 1] = y;
        n++;
      }
      return { recordIds: recordIds.slice(0, n), lonLat: lonLat.slice(0, 2 * n) };
    },
  };
}
