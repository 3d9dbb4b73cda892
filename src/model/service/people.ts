import type { peopleCalls } from '../../shared/api/people';
import type { Membership, SalesUser } from '../../shared/domain';
import { historyLabel } from '../../shared/history';
import { ModelError } from '../../shared/errors';
import { seenFrom } from '../../shared/hierarchy';
import { assignmentTables, readPlanBlocks } from './assignmentRefs';
import type { Handlers, ModelContext } from './context';
import { requireTerritory } from './territoryLookup';

export function peopleHandlers(ctx: ModelContext): Handlers<typeof peopleCalls> {
  const { db } = ctx;

  async function requireUser(userId: string): Promise<SalesUser> {
    const user = await db.users.get(userId);
    if (!user) throw new ModelError('NOT_FOUND', 'That sales person does not exist', { userId }, 'userMissing');
    return user;
  }

  return {
    listUsers: async () => (await db.users.toArray()).sort((a, b) => a.name.localeCompare(b.name)),

    async createUser(fields) {
      const user: SalesUser = {
        externalId: '',
        email: '',
        title: '',
        managerUserId: null,
        ...fields,
        id: ctx.newId(),
      };
      await db.users.add(user);
      ctx.changed(null, 'people');
      return user;
    },

    async updateUser({ userId, patch }) {
      const user = { ...(await requireUser(userId)), ...patch };
      await db.users.put(user);
      ctx.changed(null, 'people');
      return user;
    },

    async deleteUser({ userId }) {
      const user = await requireUser(userId);
      const touched = await db.transaction('rw', [db.users, db.memberships, db.targets, db.plans], async () => {
        const memberships = await db.memberships.where({ userId }).toArray();
        const planIds = [...new Set(memberships.map((m) => m.planId))];
        const locked = (await db.plans.bulkGet(planIds)).filter((p) => p && p.status !== 'draft');
        if (locked.length > 0) {
          throw new ModelError(
            'CONFLICT',
            `${user.name} is a member of the ${locked[0]!.status} plan "${locked[0]!.name}", which cannot change`,
            {
              planIds: locked.map((p) => p!.id),
              name: user.name,
              planName: locked[0]!.name,
              status: locked[0]!.status,
            },
            'memberOfLockedPlan',
          );
        }
        await db.memberships.where({ userId }).delete();
        await db.targets.where({ userId }).delete();
        await db.users.filter((u) => u.managerUserId === userId).modify({ managerUserId: null });
        await db.users.delete(userId);
        return planIds;
      });
      ctx.changed(null, 'people');
      for (const planId of touched) ctx.changed(planId, 'memberships', 'targets');
      return undefined;
    },

    async listMemberships({ planId }) {
      await ctx.requirePlan(planId);
      return db.memberships.where({ planId }).toArray();
    },

    setMembership: ({ planId, territoryId, userId, role }) =>
      ctx.edit(planId, historyLabel(role === 'manager' ? 'setManager' : 'addMember'), async (edit) => {
        await requireUser(userId);
        await requireTerritory(db, planId, territoryId);
        const here = await db.memberships.where({ planId, territoryId }).toArray();
        // One manager per territory: naming a new one makes the previous manager a member.
        if (role === 'manager') {
          for (const m of here) {
            if (m.role === 'manager' && m.userId !== userId) await edit.put('memberships', { ...m, role: 'member' });
          }
        }
        const existing = here.find((m) => m.userId === userId);
        const membership: Membership = existing
          ? { ...existing, role }
          : { id: ctx.newId(), planId, territoryId, userId, role };
        await edit.put('memberships', membership);
        return membership;
      }),

    removeMembership: ({ planId, membershipId }) =>
      ctx.edit(planId, historyLabel('removeMember'), async (edit) => {
        const membership = await edit.get('memberships', membershipId);
        if (!membership || membership.planId !== planId) {
          throw new ModelError(
            'NOT_FOUND',
            'That membership does not exist in this plan',
            { membershipId },
            'membershipMissing',
          );
        }
        await edit.remove('memberships', membershipId);
        return undefined;
      }),

    async whoSees({ planId, userId }) {
      await ctx.requirePlan(planId);
      await requireUser(userId);
      const memberOf = (await db.memberships.where({ userId }).toArray())
        .filter((m) => m.planId === planId)
        .map((m) => m.territoryId);
      const seen = seenFrom(await db.territories.where({ planId }).toArray(), memberOf);
      // Distinct accounts: one account in a territory and in its parent counts once.
      const blocks = await db.transaction('r', assignmentTables(db), () => readPlanBlocks(db, planId, 'account'));
      let accounts: number | null = null;
      if (blocks.length > 0) {
        accounts = 0;
        for (const block of blocks) {
          const visible = Uint8Array.from(block.territoryIds, (id) => (seen.has(id) ? 1 : 0));
          const rows = block.offsets.length - 1;
          for (let row = 0; row < rows; row++) {
            for (let at = block.offsets[row]; at < block.offsets[row + 1]; at++) {
              if (visible[block.territories[at]] === 1) {
                accounts++;
                break;
              }
            }
          }
        }
      }
      return { memberOf: [...new Set(memberOf)], territoryIds: [...seen], accounts };
    },
  };
}
