/**
 * Column mapping: which field each column of a file fills. Proposed from the header names that Salesforce, Zoho,
 * HubSpot and Dynamics exports use, in English and French; columns matching no field are kept as custom fields.
 * A saved mapping (profile) is found again by the file's header signature. The rules both sides of the bridge
 * apply (header normalisation, custom field keys, what makes a mapping importable) live in src/shared/imports.ts.
 */
export { customFieldKey, normalizeHeader };
import { isSafeFieldKey, type FieldDef, type FieldType } from '../../shared/domain';
import { customFieldKey, mappingIssues, mappingIssueText, normalizeHeader, profileFieldOf } from '../../shared/imports';
import { canonicalPlaceKeys } from '../../shared/places';
import { coreFieldDefs } from '../../shared/records';
import type { ColumnMapping, ImportKind, ValueFormat } from './types';
import { inferFieldType } from './values';

/** Fields of a sales person (SalesUser) that a file can fill; the manager is found by external ID, e-mail or name. */
export const userImportFields: readonly { key: string; type: FieldType }[] = [
  { key: 'externalId', type: 'text' },
  { key: 'name', type: 'text' },
  { key: 'firstName', type: 'text' },
  { key: 'lastName', type: 'text' },
  { key: 'email', type: 'text' },
  { key: 'title', type: 'text' },
  { key: 'managerExternalId', type: 'text' },
];

/** The fields a file of this kind can fill, with their types. */
export function importFields(kind: ImportKind): { key: string; type: FieldType }[] {
  if (kind === 'user') return [...userImportFields];
  // Canonical places are resolved from the place columns, never read from a file.
  return coreFieldDefs(kind)
    .filter(({ key }) => !(canonicalPlaceKeys as readonly string[]).includes(key))
    .map(({ key, type }) => ({ key, type }));
}

/**
 * Each row needs a value in at least one field of every group: an external ID to upsert by, and a name.
 * Sales people are matched by external ID or e-mail.
 */
export function requiredFieldGroups(kind: ImportKind): string[][] {
  switch (kind) {
    case 'account':
    case 'deal':
      return [['externalId'], ['name']];
    case 'contact':
      return [['externalId'], ['lastName', 'firstName', 'email']];
    case 'lead':
      return [['externalId'], ['name', 'lastName', 'email']];
    case 'user':
      return [
        ['externalId', 'email'],
        ['name', 'lastName'],
      ];
  }
}

/** Header names by field, for all kinds; per-kind lists below take precedence. */
const common: Record<string, string[]> = {
  externalId: [
    'id',
    'record id',
    'external id',
    'id externe',
    'identifiant',
    'id de l enregistrement',
    'crm id',
    'salesforce id',
  ],
  name: ['name', 'nom'],
  firstName: ['first name', 'firstname', 'given name', 'prenom'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nom de famille'],
  email: ['email', 'e mail', 'email address', 'e mail address', 'adresse e mail', 'adresse email', 'courriel', 'mail'],
  title: ['title', 'job title', 'titre', 'fonction', 'poste', 'intitule du poste'],
  phone: [
    'phone',
    'business phone',
    'telephone',
    'telephone professionnel',
    'phone number',
    'numero de telephone',
    'tel',
  ],
  industry: ['industry', 'secteur d activite', 'secteur', 'industrie', 'branche', 'branche d activite'],
  annualRevenue: [
    'annual revenue',
    'revenue',
    'chiffre d affaires annuel',
    'chiffre d affaires',
    'ca annuel',
    'revenu annuel',
    'revenus annuels',
    'ca',
  ],
  employees: [
    'employees',
    'number of employees',
    'no of employees',
    'num employees',
    'nombre d employes',
    'employes',
    'effectif',
    'effectifs',
    'nb employes',
    'headcount',
  ],
  potential: ['potential', 'potentiel', 'account potential', 'potentiel du compte', 'sales potential'],
  ownerExternalId: [
    'owner',
    'owner id',
    'owner name',
    'proprietaire',
    'id du proprietaire',
    'owner email',
    'sales rep',
    'commercial',
    'responsable',
  ],
  street: [
    'billing street',
    'street',
    'address',
    'street address',
    'address 1 street 1',
    'address line 1',
    'billing address',
    'rue de facturation',
    'rue',
    'adresse',
    'adresse de facturation',
    'mailing street',
    'rue postale',
  ],
  city: [
    'billing city',
    'city',
    'address 1 city',
    'town',
    'ville de facturation',
    'ville',
    'mailing city',
    'ville postale',
    'commune',
  ],
  region: [
    'billing state province',
    'billing state',
    'state',
    'state region',
    'state province',
    'province',
    'region',
    'address 1 state province',
    'county',
    'etat province de facturation',
    'etat de facturation',
    'region de facturation',
    'etat province',
    'etat',
    'mailing state province',
    'departement',
  ],
  postalCode: [
    'billing zip postal code',
    'billing postal code',
    'billing zip',
    'billing code',
    'zip',
    'zip code',
    'postal code',
    'postcode',
    'post code',
    'zip postal code',
    'address 1 zip postal code',
    'code postal de facturation',
    'code postal',
    'cp',
    'mailing zip postal code',
    'code postal postal',
  ],
  country: [
    'billing country',
    'country',
    'country region',
    'address 1 country region',
    'address 1 country',
    'pays de facturation',
    'pays',
    'pays region',
    'mailing country',
    'pays postal',
  ],
  latitude: ['latitude', 'lat', 'billing latitude', 'address 1 latitude', 'geo latitude'],
  longitude: ['longitude', 'lng', 'lon', 'long', 'billing longitude', 'address 1 longitude', 'geo longitude'],
  geoPrecision: ['geo precision', 'geocode accuracy', 'billing geocode accuracy', 'precision geographique'],
};

const perKind: Record<ImportKind, Record<string, string[]>> = {
  account: {
    externalId: [
      'account id',
      'id du compte',
      'account number',
      'numero de compte',
      'company id',
      'id de l entreprise',
      'do not modify account',
      'accountid',
    ],
    name: [
      'account name',
      'nom du compte',
      'company name',
      'company',
      'nom de l entreprise',
      'entreprise',
      'societe',
      'nom de la societe',
      'raison sociale',
      'organization',
      'organisation',
      'organization name',
    ],
    ownerExternalId: [
      'account owner',
      'proprietaire du compte',
      'company owner',
      'account owner id',
      'proprietaire de l entreprise',
    ],
  },
  contact: {
    externalId: ['contact id', 'id du contact', 'do not modify contact', 'contactid'],
    accountExternalId: [
      'account id',
      'id du compte',
      'company id',
      'parent account id',
      'associated company id',
      'account number',
      'numero de compte',
    ],
    lastName: ['nom'],
    title: ['contact title'],
    phone: ['mobile', 'mobile phone', 'telephone mobile', 'portable'],
  },
  lead: {
    externalId: ['lead id', 'id de la piste', 'id du prospect', 'do not modify lead', 'leadid'],
    name: [
      'company',
      'company name',
      'entreprise',
      'societe',
      'nom de l entreprise',
      'nom de la societe',
      'raison sociale',
    ],
    lastName: ['nom'],
    leadSource: ['lead source', 'source', 'origine de la piste', 'source de la piste', 'source du prospect', 'origine'],
    ownerExternalId: ['lead owner', 'proprietaire de la piste', 'proprietaire du prospect'],
  },
  deal: {
    externalId: [
      'opportunity id',
      'deal id',
      'id de l opportunite',
      'id de la transaction',
      'id de l affaire',
      'do not modify opportunity',
      'opportunityid',
    ],
    accountExternalId: [
      'account id',
      'id du compte',
      'company id',
      'associated company id',
      'account number',
      'numero de compte',
    ],
    name: [
      'opportunity name',
      'deal name',
      'nom de l opportunite',
      'nom de la transaction',
      'nom de l affaire',
      'topic',
      'sujet',
      'opportunity',
      'opportunite',
    ],
    amount: [
      'amount',
      'montant',
      'deal amount',
      'opportunity amount',
      'est revenue',
      'estimated revenue',
      'chiffre d affaires estime',
      'montant de l opportunite',
      'valeur',
      'value',
    ],
    status: ['status', 'statut', 'state', 'etat', 'won lost', 'closed won'],
    stage: [
      'stage',
      'deal stage',
      'sales stage',
      'etape',
      'etape de la vente',
      'phase',
      'phase de vente',
      'pipeline stage',
    ],
    probability: ['probability', 'probabilite', 'win probability', 'probabilite de gain', 'deal probability'],
    closeDate: [
      'close date',
      'date de cloture',
      'closing date',
      'est close date',
      'estimated close date',
      'date de cloture estimee',
      'expected close date',
      'date de fermeture',
    ],
    ownerExternalId: [
      'opportunity owner',
      'deal owner',
      'proprietaire de l opportunite',
      'proprietaire de la transaction',
      'proprietaire de l affaire',
    ],
  },
  user: {
    externalId: ['user id', 'employee id', 'id de l utilisateur', 'matricule', 'id utilisateur', 'federation id'],
    name: ['full name', 'user name', 'nom complet', 'nom de l utilisateur', 'display name', 'name'],
    lastName: ['nom'],
    managerExternalId: [
      'manager',
      'manager id',
      'manager email',
      'manager external id',
      'responsable',
      'id du responsable',
      'reports to',
      'superieur',
      'superieur hierarchique',
      'manager name',
    ],
  },
};

function aliasIndex(kind: ImportKind): Map<string, string> {
  const allowed = new Set(importFields(kind).map((f) => f.key));
  const index = new Map<string, string>();
  // Kind-specific names first: "account id" is the external ID of an account but the account of a contact.
  for (const source of [perKind[kind], common]) {
    for (const [field, names] of Object.entries(source)) {
      if (!allowed.has(field)) continue;
      for (const name of names) {
        const key = normalizeHeader(name);
        if (!index.has(key)) index.set(key, field);
      }
    }
  }
  return index;
}

const aliasCache = new Map<ImportKind, Map<string, string>>();

/** The field a header names, for a kind, or null. */
export function fieldForHeader(kind: ImportKind, header: string): string | null {
  let index = aliasCache.get(kind);
  if (!index) aliasCache.set(kind, (index = aliasIndex(kind)));
  const name = normalizeHeader(header);
  return index.get(name) ?? index.get(name.replace(/ c$/, '')) ?? null; // Salesforce custom fields end in "__c"
}

/** A file's shape: its normalised headers, so a saved mapping is proposed again for files of the same shape. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|');
}

export interface ProposeMappingInput {
  kind: ImportKind;
  headers: readonly string[];
  /** Sample values per column, for the type of custom fields. */
  samples: readonly (readonly string[])[];
  formats: readonly ValueFormat[];
  /** Fields the kind's table already has: a re-imported custom column keeps its key and type. */
  existingFields?: readonly FieldDef[];
  /** A saved mapping (header -> field key or null) to apply instead of the header names. */
  profile?: Record<string, string | null>;
}

/** The proposed mapping of every column: a core field when the header names one, else a custom field. */
export function proposeMapping(input: ProposeMappingInput): ColumnMapping[] {
  const { kind, headers } = input;
  const fieldTypes = new Map(importFields(kind).map((f) => [f.key, f.type]));
  const existingCustom = new Map(
    (input.existingFields ?? []).filter((f) => f.custom).map((f) => [normalizeHeader(f.label), f]),
  );
  // Every core key is taken, the canonical places too: a "Region Code" column is kept as "regionCode2".
  const taken = new Set<string>([
    ...(kind === 'user' ? [] : coreFieldDefs(kind).map((f) => f.key)),
    ...fieldTypes.keys(),
    ...(input.existingFields ?? []).map((f) => f.key),
  ]);
  const used = new Set<string>();
  const mapping: ColumnMapping[] = [];
  headers.forEach((header, column) => {
    const format = input.formats[column];
    // Only the profile's own entries: a header "toString" must not find Object.prototype.toString.
    const fromProfile = profileFieldOf(input.profile, header);
    let field: string | null = fromProfile !== undefined ? fromProfile : fieldForHeader(kind, header);
    if (field !== null && used.has(field)) field = null;
    if (field !== null && fieldTypes.has(field)) {
      used.add(field);
      mapping.push({ column, header, field, type: fieldTypes.get(field)!, custom: false, format });
      return;
    }
    if (fromProfile === null || kind === 'user') {
      // Sales people have no custom fields; a profile may also say "do not import".
      mapping.push({ column, header, field: null, type: 'text', custom: false, format });
      return;
    }
    const existing = existingCustom.get(normalizeHeader(header));
    if (existing && !used.has(existing.key) && isSafeFieldKey(existing.key)) {
      used.add(existing.key);
      mapping.push({ column, header, field: existing.key, type: existing.type, custom: true, format });
      return;
    }
    const key = field ?? customFieldKey(header, taken);
    taken.add(key);
    used.add(key);
    const type = inferFieldType(header, input.samples[column] ?? [], format);
    mapping.push({ column, header, field: key, type, custom: true, format });
  });
  return mapping;
}

/** What keeps a mapping from being imported: a required field with no column, a field filled twice, an unsafe key. */
export function mappingErrors(kind: ImportKind, mapping: readonly ColumnMapping[]): string[] {
  return mappingIssues(requiredFieldGroups(kind), mapping).map(mappingIssueText);
}

/** The mapping as a profile stores it: header -> field (null: not imported). */
export function mappingToProfile(mapping: readonly ColumnMapping[]): Record<string, string | null> {
  return Object.fromEntries(mapping.map((m) => [m.header, m.field]));
}
