/**
 * The sample plan, generated (not shipped) from a fixed seed: a company selling to businesses in Europe and
 * North America. Pure: answers plain data that createSamplePlan stores.
 */
import { normalizePostalFor, placeFieldKeys } from '../../shared/places';
import type { Condition, MembershipRole } from '../../shared/domain';
import type { CellValue } from '../records/recordTable';
import { sampleCities, type SampleCity } from './cities';

export interface SampleTerritory {
  code: string;
  name: string;
  typeLabel: string;
  color: string;
  /** The account rule of this territory (conditions AND'ed). */
  conditions: Condition[];
  /** Which cities fall here: the same test as the rule, used to size targets. */
  holds: (city: SampleCity) => boolean;
  children: SampleTerritory[];
}

export interface SampleUser {
  key: string;
  name: string;
  email: string;
  title: string;
  managerKey: string | null;
}

export interface SampleData {
  hierarchy: SampleTerritory[];
  users: SampleUser[];
  memberships: { territoryCode: string; userKey: string; role: MembershipRole }[];
  /** Quarterly targets of each territory (userKey null) and of each member, fiscal year `fiscalYear`. */
  targets: { territoryCode: string; userKey: string | null; period: string; amount: number }[];
  accounts: Record<string, CellValue>[];
  contacts: Record<string, CellValue>[];
  deals: Record<string, CellValue>[];
  fiscalYear: number;
}

/** mulberry32: small, fast, and the same sample on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Rules read the canonical places (ISO codes), as rules written in the app do.
const countryIs = (...countries: string[]): Condition =>
  countries.length === 1
    ? { field: placeFieldKeys.country, operator: 'is', value: countries[0] }
    : { field: placeFieldKeys.country, operator: 'isAnyOf', value: countries };
const regionIn = (...regions: string[]): Condition => ({
  field: placeFieldKeys.region,
  operator: 'isAnyOf',
  value: regions,
});

/** Where a territory is: the rule that finds its accounts, and the same test over the sample's cities. */
interface Place {
  conditions: Condition[];
  holds: SampleTerritory['holds'];
}
const countries = (...codes: string[]): Place => ({
  conditions: [countryIs(...codes)],
  holds: (c) => codes.includes(c[1]),
});
const regions = (...codes: string[]): Place => ({
  conditions: [regionIn(...codes)],
  holds: (c) => codes.includes(c[2]),
});
/** Both at once (the rule tests both; the regions imply the country). */
const both = (country: Place, within: Place): Place => ({
  conditions: [...country.conditions, ...within.conditions],
  holds: within.holds,
});

function leaf(code: string, name: string, color: string, place: Place): SampleTerritory {
  return { code, name, typeLabel: 'Territory', color, ...place, children: [] };
}

function group(
  code: string,
  name: string,
  typeLabel: string,
  color: string,
  place: Place,
  children: SampleTerritory[],
): SampleTerritory {
  return { code, name, typeLabel, color, ...place, children };
}

/** England South's cities; the rest of the UK and Ireland go north. */
const SOUTH_CITIES = ['London', 'Bristol', 'Birmingham'];

const EUROPE = ['FR', 'DE', 'AT', 'CH', 'GB', 'IE', 'NL', 'BE', 'LU', 'ES', 'PT', 'IT', 'SE', 'DK', 'NO', 'FI'];

export function sampleHierarchy(): SampleTerritory[] {
  return [
    group('EMEA', 'EMEA', 'Region', '#2563eb', countries(...EUROPE), [
      group('FR', 'France', 'District', '#3b82f6', countries('FR'), [
        leaf('FR-N', 'France Nord', '#60a5fa', regions('FR-IDF', 'FR-HDF', 'FR-GES', 'FR-BRE', 'FR-PDL')),
        leaf('FR-S', 'France Sud', '#1d4ed8', regions('FR-ARA', 'FR-PAC', 'FR-OCC', 'FR-NAQ')),
      ]),
      group('DACH', 'DACH', 'District', '#0891b2', countries('DE', 'AT', 'CH'), [
        leaf('DE-N', 'Germany North', '#06b6d4', regions('DE-BE', 'DE-HH', 'DE-NI', 'DE-SN', 'DE-NW')),
        leaf('DE-S', 'Germany South', '#0e7490', regions('DE-BY', 'DE-BW', 'DE-HE')),
        leaf('ALP', 'Austria & Switzerland', '#155e75', countries('AT', 'CH')),
      ]),
      group('UKI', 'UK & Ireland', 'District', '#7c3aed', countries('GB', 'IE'), [
        leaf('UK-S', 'England South', '#8b5cf6', {
          conditions: [countryIs('GB'), { field: 'city', operator: 'isAnyOf', value: SOUTH_CITIES }],
          holds: (c) => SOUTH_CITIES.includes(c[0]),
        }),
        leaf('UK-N', 'North & Ireland', '#6d28d9', {
          conditions: [{ field: 'city', operator: 'isNoneOf', value: SOUTH_CITIES }],
          holds: (c) => !SOUTH_CITIES.includes(c[0]),
        }),
      ]),
      group('SEU', 'Southern Europe', 'District', '#ea580c', countries('ES', 'PT', 'IT'), [
        leaf('IBE', 'Iberia', '#f97316', countries('ES', 'PT')),
        leaf('ITA', 'Italy', '#c2410c', countries('IT')),
      ]),
      group('NBX', 'Benelux & Nordics', 'District', '#16a34a', countries('NL', 'BE', 'LU', 'SE', 'DK', 'NO', 'FI'), [
        leaf('BNL', 'Benelux', '#22c55e', countries('NL', 'BE', 'LU')),
        leaf('NOR', 'Nordics', '#15803d', countries('SE', 'DK', 'NO', 'FI')),
      ]),
    ]),
    group('NA', 'North America', 'Region', '#dc2626', countries('US', 'CA'), [
      group(
        'USE',
        'US East',
        'District',
        '#ef4444',
        both(countries('US'), regions('US-NY', 'US-MA', 'US-PA', 'US-DC', 'US-GA', 'US-FL', 'US-NC')),
        [
          leaf('USE-NE', 'Northeast', '#f87171', regions('US-NY', 'US-MA', 'US-PA', 'US-DC')),
          leaf('USE-SE', 'Southeast', '#b91c1c', regions('US-GA', 'US-FL', 'US-NC')),
        ],
      ),
      group(
        'USC',
        'US Central',
        'District',
        '#ca8a04',
        both(countries('US'), regions('US-IL', 'US-MI', 'US-MN', 'US-MO', 'US-OH', 'US-TX', 'US-CO')),
        [
          leaf('USC-GL', 'Great Lakes', '#eab308', regions('US-IL', 'US-MI', 'US-MN', 'US-MO', 'US-OH')),
          leaf('USC-SC', 'South Central', '#a16207', regions('US-TX', 'US-CO')),
        ],
      ),
      group(
        'USW',
        'US West',
        'District',
        '#db2777',
        both(countries('US'), regions('US-CA', 'US-WA', 'US-OR', 'US-AZ', 'US-UT')),
        [
          leaf('USW-CA', 'California', '#ec4899', {
            conditions: [
              { field: 'postalCode', operator: 'postalStartsWith', value: ['90', '91', '92', '93', '94', '95', '96'] },
            ],
            holds: regions('US-CA').holds,
          }),
          leaf('USW-NW', 'Pacific Northwest & Mountain', '#be185d', regions('US-WA', 'US-OR', 'US-AZ', 'US-UT')),
        ],
      ),
      group('CAN', 'Canada', 'District', '#9333ea', countries('CA'), [
        leaf('CAN-E', 'Canada East', '#a855f7', regions('CA-ON', 'CA-QC')),
        leaf('CAN-W', 'Canada West', '#7e22ce', regions('CA-BC', 'CA-AB', 'CA-MB')),
      ]),
    ]),
  ];
}

const firstNames = [
  'Camille',
  'Lukas',
  'Sofia',
  'James',
  'Emma',
  'Mateo',
  'Olivia',
  'Noah',
  'Léa',
  'Jonas',
  'Giulia',
  'Liam',
  'Chloé',
  'Finn',
  'Lucía',
  'Ethan',
  'Ava',
  'Hugo',
  'Ines',
  'Oscar',
  'Mia',
  'Elias',
  'Nora',
  'Lucas',
  'Amelia',
  'Leon',
  'Alice',
  'Marco',
  'Zoe',
  'Daniel',
  'Sara',
  'Theo',
  'Maya',
  'Jakob',
  'Clara',
  'Owen',
];
const lastNames = [
  'Martin',
  'Müller',
  'Rossi',
  'Smith',
  'García',
  'Dubois',
  'Johnson',
  'Schmidt',
  'Bernard',
  'Brown',
  'Fernández',
  'Jansen',
  'Lindqvist',
  'Moreau',
  'Wilson',
  'Bianchi',
  'Novak',
  'Tremblay',
  'Silva',
  'Fischer',
  'Taylor',
  'Lefebvre',
  'Andersen',
  'Romano',
  'Miller',
  'Petit',
  'Weber',
  'Davis',
  'Roux',
  'Costa',
];
const namePrefixes = [
  'Nord',
  'Alpen',
  'Atlantic',
  'Blue',
  'Summit',
  'Horizon',
  'Rhône',
  'Pacific',
  'Maple',
  'Iron',
  'Silver',
  'Green',
  'Vector',
  'Delta',
  'Polar',
  'Lumen',
  'Orion',
  'Cedar',
  'Harbor',
  'Quantum',
  'Aurora',
  'Granite',
  'Sierra',
  'Vista',
  'Nova',
  'Helix',
  'Falcon',
  'Prairie',
  'Crest',
  'Meridian',
];
const nameSuffixes = [
  'Logistics',
  'Foods',
  'Systems',
  'Health',
  'Energy',
  'Retail',
  'Labs',
  'Industries',
  'Software',
  'Partners',
  'Manufacturing',
  'Pharma',
  'Motors',
  'Analytics',
  'Textiles',
  'Construction',
];
const legalForm: Record<string, string> = {
  FR: 'SA',
  DE: 'GmbH',
  AT: 'GmbH',
  CH: 'AG',
  GB: 'Ltd',
  IE: 'Ltd',
  NL: 'B.V.',
  BE: 'NV',
  LU: 'S.A.',
  ES: 'S.L.',
  PT: 'Lda',
  IT: 'S.p.A.',
  SE: 'AB',
  DK: 'A/S',
  NO: 'AS',
  FI: 'Oy',
  US: 'Inc.',
  CA: 'Inc.',
};
export const sampleIndustries = [
  'Manufacturing',
  'Healthcare',
  'Retail',
  'Financial Services',
  'Technology',
  'Energy',
  'Logistics',
  'Public Sector',
  'Food & Beverage',
  'Automotive',
];
const stages = {
  open: ['Qualification', 'Discovery', 'Proposal', 'Negotiation'],
  won: ['Closed Won'],
  lost: ['Closed Lost'],
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Log-normal around `median`, for revenues and deal sizes. */
function logNormal(random: () => number, median: number, sigma: number): number {
  const u = Math.max(1e-9, random());
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

function samplePostalCode(random: () => number, city: SampleCity): string {
  const [, country, , , , postal] = city;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  if (country === 'US') return postal.slice(0, 3) + digits(2);
  if (country === 'FR' || country === 'DE' || country === 'ES' || country === 'IT')
    return postal.slice(0, 2) + digits(3);
  return postal;
}

/** Street names and number order as the country writes them (one draw for the number, one for the name, as before). */
const streetsByCountry: Record<string, { names: string[]; numberFirst: boolean }> = {
  FR: {
    names: ['rue de la Paix', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue de la République'],
    numberFirst: true,
  },
  BE: { names: ['rue Royale', 'avenue Louise', 'Kerkstraat', 'chaussée de Waterloo'], numberFirst: false },
  LU: { names: ['rue de la Gare', 'avenue de la Liberté', 'Grand-Rue', 'route d’Arlon'], numberFirst: true },
  DE: { names: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Gartenweg'], numberFirst: false },
  AT: { names: ['Hauptstraße', 'Bahnhofstraße', 'Kirchengasse', 'Ringstraße'], numberFirst: false },
  CH: { names: ['Bahnhofstrasse', 'Hauptstrasse', 'rue du Rhône', 'Seestrasse'], numberFirst: false },
  IT: { names: ['Via Roma', 'Corso Italia', 'Via Garibaldi', 'Piazza Duomo'], numberFirst: false },
  ES: { names: ['Calle Mayor', 'Gran Vía', 'Avenida de la Constitución', 'Calle Real'], numberFirst: false },
  PT: { names: ['Rua Augusta', 'Avenida da Liberdade', 'Rua do Comércio', 'Rua Direita'], numberFirst: false },
  NL: { names: ['Dorpsstraat', 'Kerkstraat', 'Stationsweg', 'Molenweg'], numberFirst: false },
  SE: { names: ['Storgatan', 'Kungsgatan', 'Drottninggatan', 'Järnvägsgatan'], numberFirst: false },
  NO: { names: ['Storgata', 'Kirkegata', 'Karl Johans gate', 'Strandgata'], numberFirst: false },
  DK: { names: ['Vestergade', 'Østergade', 'Nørregade', 'Strandvejen'], numberFirst: false },
  FI: { names: ['Mannerheimintie', 'Aleksanterinkatu', 'Hämeenkatu', 'Rantatie'], numberFirst: false },
  GB: { names: ['High Street', 'Station Road', 'Church Lane', 'King Street'], numberFirst: true },
  IE: { names: ['Main Street', 'Church Street', 'O’Connell Street', 'Bridge Street'], numberFirst: true },
};
const defaultStreets = { names: ['Main Street', 'Oak Avenue', 'Market Street', 'Park Road'], numberFirst: true };

function sampleStreet(random: () => number, country: string): string {
  const number = 1 + Math.floor(random() * 200);
  const { names, numberFirst } = streetsByCountry[country] ?? defaultStreets;
  const name = pick(random, names);
  return numberFirst ? `${number} ${name}` : `${name} ${number}`;
}

export function generateSample(options: { seed?: number; accounts?: number; fiscalYear?: number } = {}): SampleData {
  const random = seededRandom(options.seed ?? 20261128);
  const accountCount = options.accounts ?? 3000;
  const fiscalYear = options.fiscalYear ?? 2027;
  const hierarchy = sampleHierarchy();

  // Accounts, spread over cities by population, jittered around the centre.
  const totalPopulation = sampleCities.reduce((sum, c) => sum + c[6], 0);
  const accounts: SampleData['accounts'] = [];
  const accountCity: SampleCity[] = [];
  for (let i = 0; i < accountCount; i++) {
    let x = random() * totalPopulation;
    let city = sampleCities[0];
    for (const c of sampleCities) {
      x -= c[6];
      if (x <= 0) {
        city = c;
        break;
      }
    }
    const revenue = Math.round(logNormal(random, 25_000_000, 1.3) / 1000) * 1000;
    accounts.push({
      externalId: `ACC-${String(i + 1).padStart(5, '0')}`,
      name: `${pick(random, namePrefixes)} ${pick(random, nameSuffixes)} ${legalForm[city[1]] ?? ''}`.trim(),
      industry: pick(random, sampleIndustries),
      annualRevenue: revenue,
      employees: Math.max(5, Math.round(revenue / (150_000 + random() * 150_000))),
      potential: Math.round((revenue * (0.002 + random() * 0.01)) / 100) * 100,
      ownerExternalId: null,
      street: sampleStreet(random, city[1]),
      city: city[0],
      region: city[2],
      postalCode: samplePostalCode(random, city),
      country: city[1],
      latitude: Math.round((city[3] + (random() - 0.5) * 0.16) * 1e5) / 1e5,
      longitude: Math.round((city[4] + (random() - 0.5) * 0.24) * 1e5) / 1e5,
      geoPrecision: 'exact',
      [placeFieldKeys.country]: city[1],
      [placeFieldKeys.region]: city[2],
      [placeFieldKeys.confidence]: 'exact',
    });
    const account = accounts[accounts.length - 1];
    account[placeFieldKeys.postal] = normalizePostalFor(city[1], String(account.postalCode));
    accountCity.push(city);
  }

  // Contacts: one to three per account.
  const contacts: SampleData['contacts'] = [];
  accounts.forEach((account, i) => {
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const firstName = pick(random, firstNames);
      const lastName = pick(random, lastNames);
      contacts.push({
        externalId: `CON-${String(contacts.length + 1).padStart(6, '0')}`,
        accountExternalId: account.externalId,
        firstName,
        lastName,
        email: `${firstName}.${lastName}@example.com`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
        title: pick(random, ['CEO', 'CFO', 'Head of Purchasing', 'IT Director', 'Operations Manager', 'Buyer']),
        city: accountCity[i][0],
        country: accountCity[i][1],
        [placeFieldKeys.country]: accountCity[i][1],
        [placeFieldKeys.region]: accountCity[i][2],
        [placeFieldKeys.confidence]: 'city',
      });
    }
  });

  // Deals: won and lost last year and this year, open ones closing in the plan's fiscal year.
  const deals: SampleData['deals'] = [];
  const day = 86_400_000;
  const yearStart = Date.UTC(fiscalYear, 0, 1);
  accounts.forEach((account) => {
    const n = Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const r = random();
      const status = r < 0.45 ? 'open' : r < 0.8 ? 'won' : 'lost';
      const closeDate =
        status === 'open'
          ? yearStart + Math.floor(random() * 365) * day
          : yearStart - Math.floor(1 + random() * 540) * day;
      const stage = pick(random, stages[status]);
      deals.push({
        externalId: `DEAL-${String(deals.length + 1).padStart(6, '0')}`,
        accountExternalId: account.externalId,
        name: `${account.name} — ${pick(random, ['Renewal', 'Expansion', 'New platform', 'Pilot', 'Services'])}`,
        amount: Math.round(logNormal(random, 40_000, 0.9) / 100) * 100,
        status,
        stage,
        probability: status === 'won' ? 100 : status === 'lost' ? 0 : [10, 25, 50, 75][stages.open.indexOf(stage)],
        closeDate,
        ownerExternalId: null,
      });
    }
  });

  // People: a head of sales, a manager per region and district, two reps per territory.
  const users: SampleUser[] = [];
  const memberships: SampleData['memberships'] = [];
  const usedNames = new Set<string>();
  const newUser = (title: string, managerKey: string | null): SampleUser => {
    let name = '';
    do name = `${pick(random, firstNames)} ${pick(random, lastNames)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    const key = `U${String(users.length + 1).padStart(3, '0')}`;
    const email = `${name.replace(' ', '.')}@sample-corp.example`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    const user = { key, name, email, title, managerKey };
    users.push(user);
    return user;
  };
  const head = newUser('Head of Sales', null);
  const staff = (territory: SampleTerritory, managerKey: string) => {
    const level = territory.typeLabel;
    const manager = newUser(level === 'Territory' ? 'Sales Team Lead' : `${level} Sales Director`, managerKey);
    memberships.push({ territoryCode: territory.code, userKey: manager.key, role: 'manager' });
    if (territory.children.length === 0) {
      for (let i = 0; i < 2; i++) {
        const rep = newUser('Account Executive', manager.key);
        memberships.push({ territoryCode: territory.code, userKey: rep.key, role: 'member' });
      }
    }
    for (const child of territory.children) staff(child, manager.key);
  };
  for (const region of hierarchy) staff(region, head.key);

  // Targets: each leaf's potential over the year, a quarter at a time; parents add their children's quarters up,
  // so the sample opens without a target mismatch.
  const targets: SampleData['targets'] = [];
  const quarterOf = [0.22, 0.24, 0.24, 0.3];
  // A city belongs to a territory when it passes the territory's test and all its ancestors' (rules are gated).
  const targetOf = (territory: SampleTerritory, gate: (city: SampleCity) => boolean): number[] => {
    const holds = (city: SampleCity) => gate(city) && territory.holds(city);
    let quarters: number[];
    if (territory.children.length > 0) {
      quarters = [0, 0, 0, 0];
      for (const child of territory.children) targetOf(child, holds).forEach((amount, q) => (quarters[q] += amount));
    } else {
      let potential = 0;
      accounts.forEach((a, i) => {
        if (holds(accountCity[i])) potential += a.potential as number;
      });
      const yearly = Math.round((potential * 0.35) / 1000) * 1000;
      quarters = quarterOf.map((share) => Math.round(yearly * share));
      const reps = memberships.filter((m) => m.territoryCode === territory.code && m.role === 'member');
      quarters.forEach((amount, q) => {
        const split = reps.map((_, i) => Math.floor(amount / reps.length) + (i < amount % reps.length ? 1 : 0));
        reps.forEach((rep, i) =>
          targets.push({
            territoryCode: territory.code,
            userKey: rep.userKey,
            period: `${fiscalYear}-Q${q + 1}`,
            amount: split[i],
          }),
        );
      });
    }
    quarters.forEach((amount, q) =>
      targets.push({ territoryCode: territory.code, userKey: null, period: `${fiscalYear}-Q${q + 1}`, amount }),
    );
    return quarters;
  };
  for (const region of hierarchy) targetOf(region, () => true);

  return { hierarchy, users, memberships, targets, accounts, contacts, deals, fiscalYear };
}
