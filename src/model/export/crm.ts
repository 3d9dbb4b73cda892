/**
 * CRM-shaped files (docs/export-formats.md has the column mapping):
 * - Salesforce Enterprise Territory Management, in Data Loader's column names: Territory2Type, Territory2 (types,
 *   parents and the model by developer name), UserTerritory2Association (users by username) and
 *   ObjectTerritory2Association (accounts by their external ID, which is the Salesforce Account Id when the
 *   accounts came from a Salesforce export).
 * - Zoho CRM territories: the territory list (name, parent, manager, users) and the accounts' territories.
 */
import type { Territory } from '../../shared/domain';
import { sourceName } from '../engine/rules/assignment';
import { getCell } from '../records/recordTable';
import { territoryPaths, treeOrder, type KindExport, type PlanExportData } from './planTables';
import { tableOf, type ExportCell, type ExportColumn, type ExportTable } from './table';

export interface CrmFile {
  fileName: string;
  table: ExportTable;
}

/**
 * A Salesforce developer name: letters, digits and single underscores, starting with a letter, not ending with an
 * underscore, at most 80 characters; accents folded ("Île-de-France" -> "Ile_de_France").
 */
export function developerName(text: string): string {
  let name = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]/.test(name)) name = `T_${name}`;
  return name.slice(0, 80).replace(/_+$/, '') || 'Territory';
}

/** Unique developer names per territory: from the code, else the name; a number added on a clash. */
export function developerNames(territories: readonly Territory[]): Map<string, string> {
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const t of treeOrder(territories)) {
    if (t.parentId === null) continue;
    const base = developerName(t.code.trim() || t.name);
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 76)}_${n}`;
    used.add(candidate.toLowerCase());
    names.set(t.id, candidate);
  }
  return names;
}

const text = (key: string, header = key): ExportColumn => ({ key, header, kind: 'text' });
const identifier = (key: string, header = key): ExportColumn => ({ key, header, kind: 'identifier' });

function accountRows(account: KindExport | undefined, known: Set<string>) {
  const out: { externalId: string; name: string; territoryId: string; source: string }[] = [];
  if (!account?.assignment) return out;
  const { records, assignment } = account;
  for (let row = 0; row < Math.min(records.rowCount, assignment.rowCount); row++) {
    if (records.deleted[row] === 1) continue;
    const externalId = getCell(records, 'externalId', row);
    if (externalId === null) continue;
    for (let i = assignment.offsets[row]; i < assignment.offsets[row + 1]; i++) {
      const territoryId = assignment.territoryIds[assignment.territories[i]];
      if (!known.has(territoryId)) continue;
      out.push({
        externalId: String(externalId),
        name: String(getCell(records, 'name', row) ?? ''),
        territoryId,
        source: sourceName(assignment.sources[i]),
      });
    }
  }
  return out;
}

export function salesforceFiles(data: PlanExportData, account: KindExport | undefined): CrmFile[] {
  const names = developerNames(data.territories);
  const byId = new Map(data.territories.map((t) => [t.id, t]));
  const live = treeOrder(data.territories).filter((t) => t.parentId !== null);
  const modelName = developerName(data.plan.name);
  const typeName = (t: Territory) => developerName(t.typeLabel.trim() || 'Territory');
  const types = new Map<string, string>();
  for (const t of live) if (!types.has(typeName(t))) types.set(typeName(t), t.typeLabel.trim() || 'Territory');

  const typeRows = [...types].map(([name, label], i): ExportCell[] => [name, label, i + 1, '']);
  const territoryRows = live.map((t): ExportCell[] => {
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    return [
      names.get(t.id)!,
      t.name,
      modelName,
      typeName(t),
      parent && parent.parentId !== null ? names.get(parent.id)! : null,
      t.description,
      'Edit',
      'Edit',
      'Edit',
      'Edit',
    ];
  });
  const users = new Map(data.users.map((u) => [u.id, u]));
  const order = new Map(live.map((t, i) => [t.id, i]));
  const userRows = data.memberships
    .filter((m) => names.has(m.territoryId))
    .sort(
      (a, b) =>
        order.get(a.territoryId)! - order.get(b.territoryId)! ||
        (a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1) ||
        (users.get(a.userId)?.name ?? '').localeCompare(users.get(b.userId)?.name ?? ''),
    )
    .map((m): ExportCell[] => {
      const user = users.get(m.userId);
      return [
        names.get(m.territoryId)!,
        user?.email || user?.externalId || m.userId,
        m.role === 'manager' ? 'Manager' : 'Member',
      ];
    });
  const known = new Set(names.keys());
  const objectRows = accountRows(account, known).map((a): ExportCell[] => [
    a.externalId,
    names.get(a.territoryId)!,
    'Territory2Manual',
  ]);
  return [
    {
      fileName: 'Territory2Type.csv',
      table: tableOf(
        'Territory2Type',
        [
          identifier('DeveloperName'),
          text('MasterLabel'),
          { key: 'Priority', header: 'Priority', kind: 'number' },
          text('Description'),
        ],
        typeRows,
      ),
    },
    {
      fileName: 'Territory2.csv',
      table: tableOf(
        'Territory2',
        [
          identifier('DeveloperName'),
          text('Name'),
          identifier('Territory2Model.DeveloperName'),
          identifier('Territory2Type.DeveloperName'),
          identifier('ParentTerritory2.DeveloperName'),
          text('Description'),
          text('AccountAccessLevel'),
          text('OpportunityAccessLevel'),
          text('CaseAccessLevel'),
          text('ContactAccessLevel'),
        ],
        territoryRows,
      ),
    },
    {
      fileName: 'UserTerritory2Association.csv',
      table: tableOf(
        'UserTerritory2Association',
        [identifier('Territory2.DeveloperName'), identifier('User.Username'), text('RoleInTerritory2')],
        userRows,
      ),
    },
    {
      fileName: 'ObjectTerritory2Association.csv',
      table: tableOf(
        'ObjectTerritory2Association',
        [identifier('ObjectId'), identifier('Territory2.DeveloperName'), text('AssociationCause')],
        objectRows,
      ),
    },
  ];
}

export function zohoFiles(data: PlanExportData, account: KindExport | undefined): CrmFile[] {
  const byId = new Map(data.territories.map((t) => [t.id, t]));
  const users = new Map(data.users.map((u) => [u.id, u]));
  const paths = territoryPaths(data.territories);
  const live = treeOrder(data.territories).filter((t) => t.parentId !== null);
  const managerOf = new Map<string, string>();
  const usersOf = new Map<string, string[]>();
  for (const m of data.memberships) {
    const email = users.get(m.userId)?.email || users.get(m.userId)?.name || m.userId;
    if (m.role === 'manager' && !managerOf.has(m.territoryId)) managerOf.set(m.territoryId, email);
    else usersOf.set(m.territoryId, [...(usersOf.get(m.territoryId) ?? []), email]);
  }
  const territoryRows = live.map((t): ExportCell[] => {
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    return [
      t.name,
      parent && parent.parentId !== null ? parent.name : null,
      managerOf.get(t.id) ?? null,
      (usersOf.get(t.id) ?? []).join(';'),
      t.description,
      t.code,
      paths.get(t.id) ?? t.name,
    ];
  });
  const perAccount = new Map<string, { name: string; territories: string[] }>();
  for (const a of accountRows(account, new Set(live.map((t) => t.id)))) {
    const entry = perAccount.get(a.externalId) ?? { name: a.name, territories: [] };
    entry.territories.push(byId.get(a.territoryId)!.name);
    perAccount.set(a.externalId, entry);
  }
  const accountTable = [...perAccount].map(([id, { name, territories }]): ExportCell[] => [
    id,
    name,
    territories.join(';'),
  ]);
  return [
    {
      fileName: 'Territories.csv',
      table: tableOf(
        'Territories',
        [
          text('Territory Name'),
          text('Parent Territory'),
          identifier('Manager'),
          text('Users'),
          text('Description'),
          identifier('Territory Code'),
          text('Territory Path'),
        ],
        territoryRows,
      ),
    },
    {
      fileName: 'Accounts - Territories.csv',
      table: tableOf('Accounts', [identifier('Record Id'), text('Account Name'), text('Territories')], accountTable),
    },
  ];
}
