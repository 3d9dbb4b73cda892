/**
 * Synthetic data for the rule engine benchmark: accounts spread over ten sales zones (US states, countries, and
 * three zones known only by a drawn area), and a three-level territory tree whose rules look like a planner's:
 * a geographic condition at the top, industries and company size in the middle, postal prefixes at the leaves.
 * Seeded, so every run measures the same data.
 */
import { coreFieldDefs } from '../../src/shared/records';
import { emptyGeography, type Condition, type Polygon, type Rule, type Territory } from '../../src/shared/domain';
import {
  createRecordTable,
  ensureCapacity,
  textCode,
  type NumberColumn,
  type RecordTable,
  type TextColumn,
} from '../../src/model/records/recordTable';
import { seededRandom } from '../../src/model/sample/generateSample';

interface Zone {
  name: string;
  /** Records' regions (ISO 3166-2) and country. */
  country: string;
  regions: string[];
  /** Coordinates are drawn in this box: [west, south, east, north]. */
  box: [number, number, number, number];
  /** Zones without region codes in their rule are matched by a drawn area instead. */
  byArea: boolean;
  postal: (random: () => number) => string;
  weight: number;
}

const digits = (random: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
  return s;
};
const letter = (random: () => number): string => String.fromCharCode(65 + Math.floor(random() * 26));

/** US ZIP codes, a tenth of them as ZIP+4. */
const zip = (random: () => number): string => digits(random, 5) + (random() < 0.1 ? `-${digits(random, 4)}` : '');

const zones: Zone[] = [
  {
    name: 'US West',
    country: 'US',
    regions: ['US-CA', 'US-OR', 'US-WA', 'US-NV', 'US-AZ', 'US-UT'],
    box: [-124, 32, -109, 49],
    byArea: false,
    postal: zip,
    weight: 16,
  },
  {
    name: 'US Central',
    country: 'US',
    regions: ['US-TX', 'US-CO', 'US-IL', 'US-MN', 'US-MO', 'US-OK'],
    box: [-106, 26, -87, 49],
    byArea: false,
    postal: zip,
    weight: 14,
  },
  {
    name: 'US East',
    country: 'US',
    regions: ['US-NY', 'US-MA', 'US-PA', 'US-NJ', 'US-CT'],
    box: [-80, 39, -70, 45],
    byArea: false,
    postal: zip,
    weight: 14,
  },
  {
    name: 'US South',
    country: 'US',
    regions: ['US-FL', 'US-GA', 'US-NC', 'US-TN', 'US-VA'],
    box: [-90, 25, -75, 39],
    byArea: false,
    postal: zip,
    weight: 11,
  },
  {
    name: 'Canada',
    country: 'CA',
    regions: ['CA-ON', 'CA-QC', 'CA-BC', 'CA-AB'],
    box: [-123, 43, -64, 55],
    byArea: false,
    postal: (r) => `${letter(r)}${digits(r, 1)}${letter(r)} ${digits(r, 1)}${letter(r)}${digits(r, 1)}`,
    weight: 6,
  },
  {
    name: 'France',
    country: 'FR',
    regions: ['FR-IDF', 'FR-ARA', 'FR-PAC', 'FR-OCC', 'FR-NAQ', 'FR-HDF'],
    box: [-4.5, 42.5, 7.5, 51],
    byArea: false,
    postal: (r) => digits(r, 5),
    weight: 10,
  },
  {
    name: 'Germany',
    country: 'DE',
    regions: ['DE-BY', 'DE-BW', 'DE-NW', 'DE-BE', 'DE-HE'],
    box: [6, 47.5, 15, 55],
    byArea: false,
    postal: (r) => digits(r, 5),
    weight: 9,
  },
  {
    name: 'UK & Ireland',
    country: 'GB',
    regions: ['GB-ENG', 'GB-SCT', 'GB-WLS', 'IE-D'],
    box: [-10.5, 50, 1.8, 58.6],
    byArea: true,
    postal: (r) => `${letter(r)}${letter(r)}${digits(r, 1)} ${digits(r, 1)}${letter(r)}${letter(r)}`,
    weight: 8,
  },
  {
    name: 'Nordics',
    country: 'SE',
    regions: ['SE-AB', 'NO-03', 'DK-84', 'FI-18'],
    box: [5, 55, 30, 70],
    byArea: true,
    postal: (r) => digits(r, r() < 0.5 ? 4 : 5),
    weight: 6,
  },
  {
    name: 'Iberia',
    country: 'ES',
    regions: ['ES-MD', 'ES-CT', 'PT-11', 'ES-AN'],
    box: [-9.3, 36.2, 3.2, 43.6],
    byArea: true,
    postal: (r) => digits(r, 5),
    weight: 6,
  },
];

export const industries = [
  'Manufacturing',
  'Healthcare',
  'Retail',
  'Financial Services',
  'Technology',
  'Energy',
  'Logistics',
  'Education',
  'Hospitality',
  'Construction',
  'Telecommunications',
  'Media',
  'Agriculture',
  'Automotive',
  'Pharmaceuticals',
  'Insurance',
  'Real Estate',
  'Public Sector',
  'Aerospace',
  'Chemicals',
];

/** A drawn area: a jittered ellipse inscribed in the zone's box (64 vertices), so some records fall outside. */
function zoneArea(zone: Zone, random: () => number): Polygon {
  const [w, s, e, n] = zone.box;
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const ring: [number, number][] = [];
  for (let i = 0; i < 64; i++) {
    const angle = (2 * Math.PI * i) / 64;
    const r = 0.92 + random() * 0.08;
    ring.push([cx + ((e - w) / 2) * r * Math.cos(angle), cy + ((n - s) / 2) * r * Math.sin(angle)]);
  }
  ring.push(ring[0]);
  return [ring];
}

function textColumn(table: RecordTable, key: string): TextColumn {
  const column = table.columns.get(key);
  if (!column || column.type !== 'text') throw new Error(key);
  return column;
}

function numberColumn(table: RecordTable, key: string): NumberColumn {
  const column = table.columns.get(key);
  if (!column || column.type !== 'number') throw new Error(key);
  return column;
}

/** `rows` accounts, written straight into the columns (appendRow per cell would dominate the set-up time). */
export function generateRuleAccounts(rows: number, seed = 11): RecordTable {
  const random = seededRandom(seed);
  const table = createRecordTable('account', coreFieldDefs('account'));
  ensureCapacity(table, rows);
  const externalId = textColumn(table, 'externalId');
  const name = textColumn(table, 'name');
  const industry = textColumn(table, 'industry');
  const postalCode = textColumn(table, 'postalCode');
  const country = textColumn(table, 'country');
  const region = textColumn(table, 'region');
  const revenue = numberColumn(table, 'annualRevenue');
  const employees = numberColumn(table, 'employees');
  const latitude = numberColumn(table, 'latitude');
  const longitude = numberColumn(table, 'longitude');
  const totalWeight = zones.reduce((sum, z) => sum + z.weight, 0);
  const industryCodes = industries.map((i) => textCode(industry, i));
  for (let row = 0; row < rows; row++) {
    let pick = random() * totalWeight;
    let zone = zones[0];
    for (const z of zones) {
      pick -= z.weight;
      if (pick < 0) {
        zone = z;
        break;
      }
    }
    externalId.codes[row] = textCode(externalId, `A${row}`);
    name.codes[row] = textCode(name, `Account ${row}`);
    // A few records lack an industry, a revenue or a postal code, as real exports do.
    industry.codes[row] = random() < 0.02 ? 0 : industryCodes[Math.floor(random() * industries.length)];
    revenue.values[row] = random() < 0.03 ? NaN : Math.round(Math.exp(random() * 12) * 1000);
    employees.values[row] = Math.round(Math.exp(random() * 9));
    postalCode.codes[row] = random() < 0.02 ? 0 : textCode(postalCode, zone.postal(random));
    country.codes[row] = textCode(country, zone.country);
    region.codes[row] = textCode(region, zone.regions[Math.floor(random() * zone.regions.length)]);
    const [w, s, e, n] = zone.box;
    longitude.values[row] = w + random() * (e - w);
    latitude.values[row] = s + random() * (n - s);
  }
  table.rowCount = rows;
  return table;
}

export interface RulePlan {
  territories: Territory[];
  rules: Rule[];
}

/**
 * A root and three levels with the given fan-outs (10 × 9 × 10 = 1,000 territories, 4 × 4 × 5 = 100), 2–4
 * conditions per territory. `variant` shifts the numeric thresholds, to get a second plan whose preview against
 * the first has records that move.
 */
export function generateRulePlan(fanOut: [number, number, number], variant = 0, seed = 5): RulePlan {
  const random = seededRandom(seed);
  const territories: Territory[] = [];
  const rules: Rule[] = [];
  const shift = 1 + variant * 0.15;
  const add = (
    id: string,
    parentId: string | null,
    sortOrder: number,
    name: string,
    geography = emptyGeography(),
  ): void => {
    territories.push({
      id,
      planId: 'bench',
      parentId,
      name,
      code: id,
      description: '',
      color: '#336699',
      typeLabel: '',
      sortOrder,
      priority: Math.floor(random() * 10),
      rulesWhenEmpty: 'none',
      geography,
    });
  };
  const addRule = (territoryId: string, conditions: Condition[], pattern = ''): void => {
    rules.push({
      id: `r-${territoryId}`,
      planId: 'bench',
      territoryId,
      recordKind: 'account',
      conditions,
      pattern,
      enabled: true,
    });
  };
  add('root', null, 0, 'Organisation');
  const prefixes = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
  for (let z = 0; z < fanOut[0]; z++) {
    const zone = zones[z % zones.length];
    const zoneId = `z${z}`;
    const area = zone.byArea ? [zoneArea(zone, random)] : [];
    add(zoneId, 'root', z, zone.name, { regions: zone.byArea ? [] : zone.regions, postalPrefixes: [], areas: area });
    const geo: Condition = zone.byArea
      ? { field: '', operator: 'withinArea', value: null }
      : { field: '', operator: 'inRegions', value: zone.regions };
    const top: Condition[] = [geo, { field: 'annualRevenue', operator: 'ge', value: 0 }];
    if (z % 2 === 0) top.push({ field: 'industry', operator: 'isNotEmpty', value: null });
    if (z % 3 === 0) top.push({ field: 'employees', operator: 'lt', value: 1_000_000 });
    addRule(zoneId, top);
    for (let s = 0; s < fanOut[1]; s++) {
      const segmentId = `${zoneId}s${s}`;
      add(segmentId, zoneId, s, `${zone.name} segment ${s + 1}`);
      const picked = [industries[(s * 2) % industries.length], industries[(s * 2 + 1) % industries.length]];
      if (s % 3 === 0) picked.push(industries[(s + 7) % industries.length]);
      const segment: Condition[] = [{ field: 'industry', operator: 'isAnyOf', value: picked }];
      segment.push({ field: 'employees', operator: 'ge', value: Math.round((s % 4) * 5 * shift) });
      if (s % 2 === 1) segment.push({ field: 'annualRevenue', operator: 'between', value: [0, 5e8 * shift] });
      if (s % 5 === 4) {
        segment.push({ field: 'industry', operator: 'is', value: 'Energy' });
        addRule(segmentId, segment, segment.length === 4 ? '(1 AND 2 AND 3) OR 4' : '(1 AND 2) OR 3');
      } else {
        addRule(segmentId, segment);
      }
      for (let l = 0; l < fanOut[2]; l++) {
        const leafId = `${segmentId}l${l}`;
        add(leafId, segmentId, l, `${zone.name} ${s + 1}.${l + 1}`);
        // Leaves share out the 100 two-digit postal prefixes.
        const own = prefixes.filter((_, i) => i % fanOut[2] === l);
        const leaf: Condition[] = [{ field: 'postalCode', operator: 'postalStartsWith', value: own }];
        leaf.push({ field: 'annualRevenue', operator: 'ge', value: Math.round(1000 * (l % 3) * shift) });
        if (l % 2 === 0) leaf.push({ field: 'employees', operator: 'between', value: [1, 8000] });
        if (l % 4 === 3) leaf.push({ field: 'industry', operator: 'isNot', value: 'Public Sector' });
        addRule(leafId, leaf);
      }
    }
  }
  return { territories, rules };
}
