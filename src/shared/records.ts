/**
 * The core fields of each record kind. Imported columns that match none of them are kept as custom fields.
 * Records are shared by all plans; each plan only assigns them.
 */
import type { FieldDef, FieldType, RecordKind } from './domain';

type Core = readonly (readonly [key: string, type: FieldType])[];

const located: Core = [
  ['street', 'text'],
  ['city', 'text'],
  ['region', 'text'],
  ['postalCode', 'postalCode'],
  ['country', 'picklist'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  /** How the coordinates were found: exact, postal, city, region, country or none. */
  ['geoPrecision', 'picklist'],
  // Canonical places, resolved at import from the text columns above (src/shared/places.ts says what each holds).
  ['countryCode', 'picklist'],
  ['regionCode', 'picklist'],
  ['subregionCode', 'picklist'],
  ['postalKey', 'postalCode'],
  ['placeConfidence', 'picklist'],
  ['placeFlag', 'picklist'],
];

const coreFields: Record<RecordKind, Core> = {
  account: [
    ['externalId', 'text'],
    ['name', 'text'],
    ['industry', 'picklist'],
    ['annualRevenue', 'money'],
    ['employees', 'number'],
    ['potential', 'money'],
    ['ownerExternalId', 'text'],
    ...located,
  ],
  contact: [
    ['externalId', 'text'],
    ['accountExternalId', 'text'],
    ['firstName', 'text'],
    ['lastName', 'text'],
    ['email', 'text'],
    ['title', 'text'],
    ['phone', 'text'],
    ...located,
  ],
  lead: [
    ['externalId', 'text'],
    ['name', 'text'],
    ['firstName', 'text'],
    ['lastName', 'text'],
    ['email', 'text'],
    ['industry', 'picklist'],
    ['annualRevenue', 'money'],
    ['leadSource', 'picklist'],
    ['ownerExternalId', 'text'],
    ...located,
  ],
  deal: [
    ['externalId', 'text'],
    ['accountExternalId', 'text'],
    ['name', 'text'],
    ['amount', 'money'],
    /** open, won or lost: what forecasts count as pipeline or achieved. */
    ['status', 'picklist'],
    ['stage', 'picklist'],
    ['probability', 'number'],
    ['closeDate', 'date'],
    ['ownerExternalId', 'text'],
  ],
};

export const geoPrecisions = ['exact', 'postal', 'city', 'region', 'country', 'none'] as const;
export type GeoPrecision = (typeof geoPrecisions)[number];

export const dealStatuses = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export function coreFieldDefs(kind: RecordKind): FieldDef[] {
  return coreFields[kind].map(([key, type]) => ({ kind, key, label: key, type, custom: false }));
}

/** Records a plan assigns to territories by rules; contacts and deals follow their account. */
export const ruleKinds = ['account', 'lead', 'deal'] as const satisfies readonly RecordKind[];
