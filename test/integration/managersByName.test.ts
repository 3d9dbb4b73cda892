// Issue #15: a manager given by name (or e-mail, or ID) is found, also when the manager is a row of the same
// file, further down; Zoho-style "Last, First" names and accents do not matter.
import { describe, expect, it } from 'vitest';
import { openTestModel } from './testDb';

const file = [
  'Employee ID;Full Name;Email;Title;Reports To',
  'E10;Léa Dubois;lea.dubois@acme.fr;Account Executive;Claire Martin',
  'E11;Hugo Petit;hugo.petit@acme.fr;Account Executive;MARTIN, Claire',
  'E12;Nina Roux;nina.roux@acme.fr;Inside Sales;claire.martin@acme.fr',
  'E13;Omar Haddad;omar.haddad@acme.fr;Account Executive;E1',
  'E1;Claire Martin;claire.martin@acme.fr;Sales Director;Jean-François Lefèvre',
  'E0;Jean-Francois Lefevre;jf.lefevre@acme.fr;VP Sales;',
  'E14;Zoé Blanc;zoe.blanc@acme.fr;Account Executive;Nobody Known',
].join('\n');

describe('sales people: managers', () => {
  it('links managers given by name, e-mail or ID, found further down the same file', async () => {
    const { api } = await openTestModel();
    const analysis = await api.analyzeImportFile({
      fileName: 'equipe.csv',
      bytes: new TextEncoder().encode(file),
      kind: 'user',
    });
    expect(analysis.mapping.find((m) => m.header === 'Reports To')?.field).toBe('managerExternalId');
    const check = await api.checkImport({ importId: analysis.importId, taskId: 'c1', mapping: analysis.mapping });
    // Only the manager nobody knows is reported.
    expect(check.counts.unknownManager).toBe(1);
    const done = await api.commitImport({ importId: analysis.importId, taskId: 'm1', onlyValidRows: false });
    expect(done.created).toBe(7);
    const users = await api.listUsers({});
    const byName = new Map(users.map((u) => [u.name, u]));
    const managerOf = (name: string) => {
      const id = byName.get(name)?.managerUserId;
      return users.find((u) => u.id === id)?.name ?? null;
    };
    expect(managerOf('Léa Dubois')).toBe('Claire Martin');
    expect(managerOf('Hugo Petit')).toBe('Claire Martin');
    expect(managerOf('Nina Roux')).toBe('Claire Martin');
    expect(managerOf('Omar Haddad')).toBe('Claire Martin');
    expect(managerOf('Claire Martin')).toBe('Jean-Francois Lefevre');
    expect(managerOf('Jean-Francois Lefevre')).toBeNull();
    expect(managerOf('Zoé Blanc')).toBeNull();
    // The people came with the file: a data set of their own.
    const [set] = await api.listDataSets({});
    expect(set).toMatchObject({ name: 'equipe.csv', users: 7 });
  });
});
