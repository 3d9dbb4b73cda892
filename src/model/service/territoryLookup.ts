/** Reading one territory of a plan, refused the same way by every handler that needs it. */
import type { Territory } from '../../shared/domain';
import { ModelError } from '../../shared/errors';
import type { PlannerDb } from '../db/schema';

/** The territory, if it belongs to the plan; else NOT_FOUND (territoryMissing) naming both. */
export async function requireTerritory(db: PlannerDb, planId: string, territoryId: string): Promise<Territory> {
  const territory = await db.territories.get(territoryId);
  if (!territory || territory.planId !== planId) {
    throw new ModelError(
      'NOT_FOUND',
      'That territory does not exist in this plan',
      { planId, territoryId },
      'territoryMissing',
    );
  }
  return territory;
}
