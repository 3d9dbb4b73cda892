/** Synthetic accounts for benchmarks: the 12 columns of a typical CRM export, at real city coordinates. */
import { coreFieldDefs } from '../../src/shared/records';
import { appendRow, createRecordTable, ensureCapacity, type RecordTable } from '../../src/model/records/recordTable';
import { sampleCities } from '../../src/model/sample/cities';
import { seededRandom } from '../../src/model/sample/generateSample';

const industries = ['Manufacturing', 'Healthcare', 'Retail', 'Financial Services', 'Technology', 'Energy', 'Logistics'];

export function generateAccounts(rows: number, seed = 7): RecordTable {
  const random = seededRandom(seed);
  const table = createRecordTable('account', coreFieldDefs('account'));
  ensureCapacity(table, rows);
  for (let i = 0; i < rows; i++) {
    const city = sampleCities[Math.floor(random() * sampleCities.length)];
    appendRow(table, {
      externalId: `A${i}`,
      name: `Account ${i}`,
      industry: industries[i % industries.length],
      annualRevenue: Math.round(random() * 1e8),
      employees: Math.round(random() * 5000),
      potential: Math.round(random() * 1e6),
      street: `${i % 300} Main Street`,
      city: city[0],
      region: city[2],
      postalCode: city[5],
      country: city[1],
      latitude: city[3] + (random() - 0.5) * 0.2,
      longitude: city[4] + (random() - 0.5) * 0.3,
    });
  }
  return table;
}
