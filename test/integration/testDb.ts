import { PlannerDb } from '../../src/model/db/schema';
import { createModelService } from '../../src/model/service';
import { createModelClient, type TerritoryBridge } from '../../src/shared/bridge';
import type { ModelApi } from '../../src/shared/api';
import { setGeoFileSource } from '../../src/model/service/imports';
import { geoSource } from '../unit/import/helpers';

// The shipped geo files, read from disk (the app fetches them from its bundle).
setGeoFileSource(geoSource);

let counter = 0;

/** A model service over a fresh database, and the typed client the UI would use on it (no port in between). */
export async function openTestModel(): Promise<{
  db: PlannerDb;
  api: ModelApi;
  service: ReturnType<typeof createModelService>;
}> {
  const db = new PlannerDb(`test-${Date.now()}-${counter++}`);
  await db.open();
  const service = createModelService(db);
  const bridge: TerritoryBridge = {
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  };
  return { db, api: createModelClient(bridge), service };
}

/** A second model over an existing database (the first one closed), as after a reload of the app. */
export async function reopenTestModel(name: string): Promise<{ api: ModelApi; db: PlannerDb }> {
  const db = new PlannerDb(name);
  await db.open();
  const service = createModelService(db);
  const api = createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
  return { api, db };
}
