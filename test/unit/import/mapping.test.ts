import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../src/model/import/analyze';
import {
  customFieldKey,
  fieldForHeader,
  headerSignature,
  mappingErrors,
  mappingToProfile,
  proposeMapping,
} from '../../../src/model/import/mapping';
import type { ImportProfileRow } from '../../../src/model/db/schema';
import { fixture, utf8 } from './helpers';

const fieldsOf = (mapping: { header: string; field: string | null }[]) =>
  Object.fromEntries(mapping.map((m) => [m.header, m.field]));

describe('mapping from CRM header names', () => {
  it('maps Salesforce account exports in English', async () => {
    const analysis = await analyzeFile(fixture('accounts-en-bom.csv'), { kind: 'account', fileName: 'a.csv' });
    expect(fieldsOf(analysis.mapping)).toMatchObject({
      'Account ID': 'externalId',
      'Account Name': 'name',
      Industry: 'industry',
      'Annual Revenue': 'annualRevenue',
      Employees: 'employees',
      'Billing Street': 'street',
      'Billing City': 'city',
      'Billing State/Province': 'region',
      'Billing Zip/Postal Code': 'postalCode',
      'Billing Country': 'country',
      'Account Owner': 'ownerExternalId',
    });
    expect(analysis.mappingErrors).toEqual([]);
  });

  it('maps French exports, accents and apostrophes included', async () => {
    const analysis = await analyzeFile(fixture('comptes-fr.csv'), { kind: 'account', fileName: 'comptes.csv' });
    expect(fieldsOf(analysis.mapping)).toMatchObject({
      'Id du compte': 'externalId',
      'Nom du compte': 'name',
      "Secteur d'activité": 'industry',
      "Chiffre d'affaires annuel": 'annualRevenue',
      "Nombre d'employés": 'employees',
      'Ville de facturation': 'city',
      'Code postal de facturation': 'postalCode',
      'Pays de facturation': 'country',
      'Propriétaire du compte': 'ownerExternalId',
      Latitude: 'latitude',
      Longitude: 'longitude',
    });
    for (const [header, field] of [
      ['Nom du compte', 'name'],
      ['Pays de facturation', 'country'],
      ['Code postal', 'postalCode'],
      ['Propriétaire du compte', 'ownerExternalId'],
      ['Chiffre d’affaires annuel', 'annualRevenue'],
    ]) {
      expect(fieldForHeader('account', header)).toBe(field);
    }
  });

  it('maps Dynamics and HubSpot exports', async () => {
    const dynamics = await analyzeFile(fixture('dynamics.csv'), { kind: 'account', fileName: 'd.csv' });
    expect(fieldsOf(dynamics.mapping)).toMatchObject({
      '(Do Not Modify) Account': 'externalId',
      'Address 1: City': 'city',
      'Address 1: ZIP/Postal Code': 'postalCode',
      'Address 1: Country/Region': 'country',
      'Number of Employees': 'employees',
    });
    const hubspot = await analyzeFile(fixture('contacts-hubspot.csv'), { kind: 'contact', fileName: 'c.csv' });
    expect(fieldsOf(hubspot.mapping)).toMatchObject({
      'Contact ID': 'externalId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Job Title': 'title',
      'Company ID': 'accountExternalId',
      'Country/Region': 'country',
    });
  });

  it('reads "Account ID" as the account of a contact or deal, and as the ID of an account', () => {
    expect(fieldForHeader('account', 'Account ID')).toBe('externalId');
    expect(fieldForHeader('contact', 'Account ID')).toBe('accountExternalId');
    expect(fieldForHeader('deal', 'Account ID')).toBe('accountExternalId');
    expect(fieldForHeader('deal', 'Close Date')).toBe('closeDate');
    expect(fieldForHeader('deal', 'Date de clôture')).toBe('closeDate');
    expect(fieldForHeader('deal', 'Probability (%)')).toBe('probability');
    expect(fieldForHeader('lead', 'Lead Source')).toBe('leadSource');
    expect(fieldForHeader('lead', 'Company')).toBe('name');
  });

  it('maps sales people, and keeps no custom fields for them', async () => {
    const analysis = await analyzeFile(fixture('users.csv'), { kind: 'user', fileName: 'u.csv' });
    expect(fieldsOf(analysis.mapping)).toEqual({
      'User ID': 'externalId',
      'Full Name': 'name',
      Email: 'email',
      Title: 'title',
      Manager: 'managerExternalId',
    });
    const withExtra = proposeMapping({
      kind: 'user',
      headers: ['Email', 'Name', 'Shoe size'],
      samples: [[], [], []],
      formats: Array(3).fill({ decimalSeparator: '.', dateOrder: 'mdy' }),
    });
    expect(withExtra[2].field).toBeNull();
  });

  it('keeps unknown columns as typed custom fields with stable keys', async () => {
    const analysis = await analyzeFile(fixture('comptes-fr.csv'), { kind: 'account', fileName: 'c.csv' });
    const created = analysis.mapping.find((m) => m.header === 'Date de création')!;
    expect(created).toMatchObject({ field: 'dateDeCreation', type: 'date', custom: true });
    expect(customFieldKey('Nombre de sites', new Set())).toBe('nombreDeSites');
    expect(customFieldKey('Name', new Set(['name']))).toBe('name2');
    expect(customFieldKey('2024 budget', new Set())).toBe('c2024Budget');
  });

  it('reuses the key and type of a custom field imported before', () => {
    const mapping = proposeMapping({
      kind: 'account',
      headers: ['Account ID', 'Account Name', 'Customer Tier'],
      samples: [[], [], ['1', '2']],
      formats: Array(3).fill({ decimalSeparator: '.', dateOrder: 'mdy' }),
      existingFields: [{ kind: 'account', key: 'tier', label: 'Customer Tier', type: 'picklist', custom: true }],
    });
    expect(mapping[2]).toMatchObject({ field: 'tier', type: 'picklist', custom: true });
  });

  it('names what keeps a mapping from being imported', () => {
    const base = {
      column: 0,
      custom: false,
      type: 'text' as const,
      format: { decimalSeparator: '.' as const, dateOrder: 'mdy' as const },
    };
    expect(mappingErrors('account', [{ ...base, header: 'Name', field: 'name' }])).toEqual([
      'No column gives the externalId',
    ]);
    expect(
      mappingErrors('account', [
        { ...base, header: 'ID', field: 'externalId' },
        { ...base, header: 'Name', field: 'name' },
        { ...base, header: 'Name 2', field: 'name' },
      ]),
    ).toEqual(['2 columns fill the field name: keep one']);
    expect(mappingErrors('user', [{ ...base, header: 'Name', field: 'name' }])[0]).toMatch(/externalId, email/);
  });
});

describe('profiles', () => {
  it('gives files of the same shape the same signature, whatever the case and accents', () => {
    expect(headerSignature(['Account ID', 'Nom du Compte'])).toBe(headerSignature(['account id', 'nom du compte']));
    expect(headerSignature(['Account ID', 'Name'])).not.toBe(headerSignature(['Name', 'Account ID']));
  });

  it('proposes a saved mapping again for a file of the same shape', async () => {
    const text = 'Code client,Raison sociale,Segment\r\nK-1,Dupont SA,PME\r\n';
    const first = await analyzeFile(utf8(text), { kind: 'account', fileName: 'k.csv' });
    expect(first.mapping[0].field).not.toBe('externalId');
    const profile: ImportProfileRow = {
      id: 'p1',
      kind: 'account',
      signature: first.signature,
      name: 'Export ERP',
      mapping: { ...mappingToProfile(first.mapping), 'Code client': 'externalId', Segment: null },
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const again = await analyzeFile(utf8(text.replace('K-1', 'K-2')), {
      kind: 'account',
      fileName: 'k2.csv',
      profiles: [profile],
    });
    expect(again.profileId).toBe('p1');
    expect(fieldsOf(again.mapping)).toEqual({ 'Code client': 'externalId', 'Raison sociale': 'name', Segment: null });
    expect(again.mappingErrors).toEqual([]);
  });
});
