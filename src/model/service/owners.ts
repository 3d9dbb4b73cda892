/**
 * Account owners as the CRM gives them (an owner ID, e-mail or name in `ownerExternalId`) linked to the sales
 * people: by external ID, then e-mail, then name compared without case, accents or "Last, First" order.
 */
import type { OwnerLinks, ownerCalls } from '../../shared/api/owners';
import type { SalesUser } from '../../shared/domain';
import { personKey } from '../import/personKey';
import type { Handlers, ModelContext } from './context';

/** The sales person an owner value names, if any. */
export function ownerMatcher(users: readonly SalesUser[]): (owner: string) => SalesUser | undefined {
  const byId = new Map<string, SalesUser>();
  const byEmail = new Map<string, SalesUser>();
  const byName = new Map<string, SalesUser>();
  for (const u of users) {
    if (u.externalId) byId.set(u.externalId, u);
    if (u.email) byEmail.set(u.email.toLowerCase(), u);
    if (u.name && !byName.has(personKey(u.name))) byName.set(personKey(u.name), u);
  }
  return (owner) => byId.get(owner) ?? byEmail.get(owner.toLowerCase()) ?? byName.get(personKey(owner));
}

export function ownerHandlers(ctx: ModelContext): Handlers<typeof ownerCalls> {
  return {
    async accountOwners({ planId }): Promise<OwnerLinks> {
      const accounts = await ctx.planRecords(await ctx.requirePlan(planId), 'account');
      const owner = accounts.columns.get('ownerExternalId');
      const out: OwnerLinks = { accountsByUser: {}, unmatched: [], unmatchedAccounts: 0 };
      if (owner?.type !== 'text') return out;
      const perCode = new Uint32Array(owner.values.length);
      for (let row = 0; row < accounts.rowCount; row++) {
        if (accounts.deleted[row] === 0) perCode[owner.codes[row]]++;
      }
      const match = ownerMatcher(await ctx.db.users.toArray());
      const unmatched: { owner: string; accounts: number }[] = [];
      for (let code = 1; code < perCode.length; code++) {
        if (perCode[code] === 0) continue;
        const user = match(owner.values[code]);
        if (user) out.accountsByUser[user.id] = (out.accountsByUser[user.id] ?? 0) + perCode[code];
        else {
          unmatched.push({ owner: owner.values[code], accounts: perCode[code] });
          out.unmatchedAccounts += perCode[code];
        }
      }
      out.unmatched = unmatched.sort((a, b) => b.accounts - a.accounts).slice(0, 20);
      return out;
    },
  };
}
