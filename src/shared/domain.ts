/**
 * The territory planner's domain, as zod schemas: the single place where each entity's shape is stated.
 * Types are inferred from the schemas, so validation and typing never drift apart.
 */
import { z } from 'zod';

export const id = z.string().min(1).max(64);
export const isoDateTime = z.string();

// ---------------------------------------------------------------- plans
export const planStatuses = ['draft', 'final', 'archived'] as const;
export const planStatus = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof planStatus>;

/**
 * How matching territories become assignments, as Zoho CRM (allDeepest), Dynamics 365 (firstByPriority) or
 * Salesforce territory management (lowestOnBranch) do it: docs/architecture.md, "How records are placed".
 */
export const matchModes = ['allDeepest', 'firstByPriority', 'lowestOnBranch'] as const;
export const matchMode = z.enum(matchModes);
export type MatchMode = z.infer<typeof matchMode>;

export const targetPeriodKind = z.enum(['month', 'quarter']);
export type TargetPeriodKind = z.infer<typeof targetPeriodKind>;

export const planSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(200),
  status: planStatus,
  basedOnPlanId: id.nullable(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  targetPeriod: targetPeriodKind,
  currency: z.string().length(3),
  matchMode,
  /** Most territories one record may be assigned to (Zoho: 10). */
  maxTerritoriesPerRecord: z.number().int().min(1).max(1000),
  notes: z.string().max(20_000),
  /** Set when the plan was first finalized; such a plan never becomes a draft again (clone it instead). */
  finalizedAt: isoDateTime.nullable(),
  /** Data sets (DataSet.id) this plan leaves out; it plans over every other one. Absent: over all of them. */
  excludedDataSetIds: z.array(id).max(10_000).optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Plan = z.infer<typeof planSchema>;

// ---------------------------------------------------------------- territories
/**
 * What a territory's geography may hold: more than the map's drawing tools and region pickers produce (every
 * subdivision of the world is ~5,000 regions; a drawn outline a few hundred points), with a margin.
 */
export const geographyBounds = { regions: 10_000, postalPrefixes: 100_000, areas: 1_000, rings: 100, points: 100_000 };

/** [longitude, latitude] rings, GeoJSON order; the first ring is the outline, the others holes. */
export const polygonSchema = z
  .array(
    z
      .array(z.tuple([z.number(), z.number()]))
      .min(4)
      .max(geographyBounds.points),
  )
  .max(geographyBounds.rings);
export type Polygon = z.infer<typeof polygonSchema>;

export const geographySchema = z.strictObject({
  /** ISO 3166-1 alpha-2 countries ("FR") or ISO 3166-2 subdivisions ("US-CA"). */
  regions: z.array(z.string().min(2).max(12)).max(geographyBounds.regions),
  postalPrefixes: z.array(z.string().min(1).max(12)).max(geographyBounds.postalPrefixes),
  areas: z.array(polygonSchema).max(geographyBounds.areas),
});
export type Geography = z.infer<typeof geographySchema>;
export const emptyGeography = (): Geography => ({ regions: [], postalPrefixes: [], areas: [] });

export const hexColor = z
  .string()
  .length(7)
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3366cc');

export const territorySchema = z.strictObject({
  id,
  planId: id,
  /** null only for the root, which stands for the whole organisation. */
  parentId: id.nullable(),
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().max(64),
  description: z.string().max(5_000),
  color: hexColor,
  /** Free label of the level: "Region", "District"... */
  typeLabel: z.string().max(64),
  /** Order among siblings. */
  sortOrder: z.number(),
  /** Lower wins when one record must pick one territory (first-match semantics, deals). */
  priority: z.number().int(),
  /** A territory without rules matches what its parent matches ('inherit') or nothing ('none'). */
  rulesWhenEmpty: z.enum(['inherit', 'none']),
  geography: geographySchema,
});
export type Territory = z.infer<typeof territorySchema>;

// ---------------------------------------------------------------- people
export const salesUserSchema = z.strictObject({
  id,
  externalId: z.string().max(128),
  name: z.string().trim().min(1).max(200),
  email: z.string().max(320),
  title: z.string().max(200),
  /** Line manager, a sales user too. */
  managerUserId: id.nullable(),
  /** The data set the person came with (DataSet.id); absent for people added by hand. */
  dataSetId: id.optional(),
});
export type SalesUser = z.infer<typeof salesUserSchema>;

export const membershipRole = z.enum(['manager', 'member']);
export type MembershipRole = z.infer<typeof membershipRole>;

export const membershipSchema = z.strictObject({
  id,
  planId: id,
  territoryId: id,
  userId: id,
  role: membershipRole,
});
export type Membership = z.infer<typeof membershipSchema>;

// ---------------------------------------------------------------- records
export const recordKinds = ['account', 'contact', 'lead', 'deal'] as const;
export const recordKind = z.enum(recordKinds);
export type RecordKind = z.infer<typeof recordKind>;

export const fieldTypes = [
  'text',
  'picklist',
  'number',
  'money',
  'date',
  'postalCode',
  'latitude',
  'longitude',
] as const;
export const fieldType = z.enum(fieldTypes);
export type FieldType = z.infer<typeof fieldType>;

/** Text-like fields are stored dictionary-coded; the others as Float64 (dates as epoch milliseconds, UTC). */
export const isTextField = (type: FieldType): boolean =>
  type === 'text' || type === 'picklist' || type === 'postalCode';

/**
 * A field key (core or custom): a letter, then letters, digits or underscores, at most 64 characters, and never a
 * name that every JavaScript object already has (`constructor`, `toString`, `__proto__`...). Keys come from
 * imported headers and become property names in stored blocks and in the rows the UI receives: one such name
 * made a column vanish after a restart. One rule, used by the import wizard, the model and the contract.
 */
export const FIELD_KEY_MAX = 64;
const fieldKeyPattern = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Names of Object.prototype (and `prototype`): reading them from a plain object finds something that is not data. */
export const reservedFieldKeys: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  'prototype',
]);
export function isSafeFieldKey(key: string): boolean {
  return key.length <= FIELD_KEY_MAX && fieldKeyPattern.test(key) && !reservedFieldKeys.has(key);
}
export const fieldKey = z
  .string()
  .min(1)
  .max(FIELD_KEY_MAX)
  .refine(isSafeFieldKey, 'a field key: a letter, then letters, digits or _, and not a reserved name');

export const fieldDefSchema = z.strictObject({
  kind: recordKind,
  key: fieldKey,
  label: z.string().max(200),
  type: fieldType,
  /** Imported column kept as is, rather than one of the kind's core fields. */
  custom: z.boolean(),
});
export type FieldDef = z.infer<typeof fieldDefSchema>;

/** Where an assignment comes from, so every placement can be explained. */
export const assignmentSources = ['rule', 'manual', 'inherited'] as const;
export type AssignmentSource = (typeof assignmentSources)[number];

export const manualAssignmentSchema = z.strictObject({
  id,
  planId: id,
  recordKind,
  /** Stable row id of the record (rows are append-only; deleted rows are tombstoned). */
  recordId: z.number().int().min(0),
  territoryId: id,
  createdAt: isoDateTime,
});
export type ManualAssignment = z.infer<typeof manualAssignmentSchema>;

// ---------------------------------------------------------------- rules
/**
 * Every condition operator once, by what it compares. A field type's operators (shared/conditions.ts operatorsFor)
 * are put together from these: text and number fields both take the emptiness tests.
 */
const textComparisons = [
  'is',
  'isNot',
  'isAnyOf',
  'isNoneOf',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
] as const;
const numberComparisons = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between'] as const;
export const emptinessOperators = ['isEmpty', 'isNotEmpty'] as const;
export const postalOperators = ['postalStartsWith', 'postalInRanges'] as const;
export const geoOperators = ['inRegions', 'withinArea'] as const;
export const conditionOperator = z.enum([
  // This order is the plan file's (docs/plan-file.schema.json): the text operators with the emptiness tests first.
  ...textComparisons,
  ...emptinessOperators,
  ...numberComparisons,
  ...postalOperators,
  ...geoOperators,
]);
/** The operators of a text field, and of a number, money, date or coordinate field; the first is the editors' default. */
export const textOperators = [...textComparisons, ...emptinessOperators] as const;
export const numberOperators = [...numberComparisons, ...emptinessOperators] as const;
export type ConditionOperator = z.infer<typeof conditionOperator>;

export const conditionValue = z.union([
  z.string().max(1_000_000),
  z.number(),
  z.array(z.string().max(1_000)).max(1_000_000),
  z.tuple([z.number(), z.number()]),
  z.array(z.strictObject({ from: z.string().max(32), to: z.string().max(32) })).max(10_000),
  z.null(),
]);
export type ConditionValue = z.infer<typeof conditionValue>;

export const conditionSchema = z.strictObject({
  /** A field key of the rule's record kind; ignored by the geographic operators. */
  field: z.string().max(64),
  operator: conditionOperator,
  value: conditionValue,
  /** Text comparisons fold text (shared/conditions.ts foldText) unless this is set: then character for character. */
  exact: z.boolean().optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const ruleSchema = z.strictObject({
  id,
  planId: id,
  territoryId: id,
  recordKind,
  conditions: z.array(conditionSchema).max(500),
  /** Boolean pattern over condition numbers such as "(1 AND 2) OR 3"; empty means all conditions AND'ed. */
  pattern: z.string().max(2_000),
  enabled: z.boolean(),
  /** Order among the territory's rules of the kind (all must hold; the order is the planner's reading order). */
  sortOrder: z.number().optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

// ---------------------------------------------------------------- targets
/** "2027-Q1" or "2027-03", in fiscal terms of the plan. */
export const periodKey = z
  .string()
  .max(7)
  .regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/);

export const targetSchema = z.strictObject({
  id,
  planId: id,
  territoryId: id,
  /** null: the territory's own target; else the target of that member in the territory. */
  userId: id.nullable(),
  period: periodKey,
  amount: z.number().finite().min(0),
});
export type Target = z.infer<typeof targetSchema>;

// ---------------------------------------------------------------- settings
export const languages = ['en', 'fr'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;
