import { describe, expect, it } from 'vitest';
import {
  detectColumnFormat,
  inferFieldType,
  looksLikeFormula,
  parseDate,
  parseNumber,
  restoreZipLeadingZeros,
} from '../../../src/model/import/values';

const us = { decimalSeparator: '.', dateOrder: 'mdy' } as const;
const fr = { decimalSeparator: ',', dateOrder: 'dmy' } as const;

describe('numbers and money', () => {
  it('reads decimal points with comma grouping, and decimal commas with space or dot grouping', () => {
    expect(parseNumber('1234.5', '.')).toBe(1234.5);
    expect(parseNumber('1,234,567.89', '.')).toBe(1234567.89);
    expect(parseNumber('1 234 567,89', ',')).toBe(1234567.89);
    expect(parseNumber('1\u202f234,5', ',')).toBe(1234.5);
    expect(parseNumber('1.234.567,89', ',')).toBe(1234567.89);
    expect(parseNumber("1'234.50", '.')).toBe(1234.5);
    expect(parseNumber('-42', '.')).toBe(-42);
    expect(parseNumber('1e3', '.')).toBe(1000);
  });

  it('reads money with currency symbols and codes, percentages and accounting negatives', () => {
    expect(parseNumber('$1,250,000.50', '.')).toBe(1250000.5);
    expect(parseNumber('1 234,56 €', ',')).toBe(1234.56);
    expect(parseNumber('EUR 99,90', ',')).toBe(99.9);
    expect(parseNumber('£-12', '.')).toBe(-12);
    expect(parseNumber('(1,000)', '.')).toBe(-1000);
    expect(parseNumber('75%', '.')).toBe(75);
  });

  it('is not fooled by text, formulas or empty cells', () => {
    for (const text of ['', '  ', 'abc', '=1+2', '12abc', '1.2.3', '0x10', 'Infinity', '1,2,3,4']) {
      expect(parseNumber(text, '.')).toBeNaN();
    }
  });

  it('decides the decimal separator of a column from its values, and reports the undecidable', () => {
    expect(detectColumnFormat(['1,5', '2,25', '3'], us).format.decimalSeparator).toBe(',');
    expect(detectColumnFormat(['1.5', '1,234.5'], fr).format.decimalSeparator).toBe('.');
    const undecided = detectColumnFormat(['1,234', '5,678'], us);
    expect(undecided.ambiguousDecimal).toBe(true);
    expect(undecided.examples).toEqual(['1,234', '5,678']);
    expect(undecided.decidedDecimal).toBe(false);
    expect(undecided.format.decimalSeparator).toBe(us.decimalSeparator);
    expect(detectColumnFormat(['1,5', '1,234'], us)).toMatchObject({ decidedDecimal: true, ambiguousDecimal: false });
    expect(detectColumnFormat(['1.234.567'], us).format.decimalSeparator).toBe(',');
  });
});

describe('dates', () => {
  it('reads ISO dates in any order, and day-first or month-first dates in theirs', () => {
    const march5 = Date.UTC(2026, 2, 5);
    expect(parseDate('2026-03-05', 'mdy')).toBe(march5);
    expect(parseDate('2026-03-05T10:30:00Z', 'dmy')).toBe(Date.UTC(2026, 2, 5, 10, 30));
    expect(parseDate('05/03/2026', 'dmy')).toBe(march5);
    expect(parseDate('03/05/2026', 'mdy')).toBe(march5);
    expect(parseDate('5.3.2026', 'dmy')).toBe(march5);
    expect(parseDate('03/05/26', 'mdy')).toBe(march5);
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseDate('31/02/2026', 'dmy')).toBeNaN();
    expect(parseDate('13/13/2026', 'dmy')).toBeNaN();
    expect(parseDate('25/12/2026', 'mdy')).toBeNaN();
    expect(parseDate('next tuesday', 'mdy')).toBeNaN();
  });

  it('resolves the order from a day over 12, else reports the ambiguity', () => {
    expect(detectColumnFormat(['03/04/2025', '25/12/2025'], us).format.dateOrder).toBe('dmy');
    expect(detectColumnFormat(['03/04/2025', '12/31/2025'], fr).format.dateOrder).toBe('mdy');
    const ambiguous = detectColumnFormat(['03/04/2025', '05/06/2025'], us);
    expect(ambiguous.ambiguousDateOrder).toBe(true);
    expect(ambiguous.format.dateOrder).toBe('mdy');
    expect(ambiguous.examples).toContain('03/04/2025');
    expect(ambiguous.decidedDateOrder).toBe(false);
    expect(detectColumnFormat(['25/12/2025'], us)).toMatchObject({ decidedDateOrder: true, ambiguousDateOrder: false });
    // Both undecidable: the dates are shown, not the numbers.
    expect(detectColumnFormat(['1,234', '03/04/2025'], us).examples).toEqual(['03/04/2025']);
  });
});

describe('types of custom columns', () => {
  it('keeps codes with leading zeros as text, and postal codes as postal codes', () => {
    expect(inferFieldType('Site code', ['00123', '04567'], us)).toBe('text');
    expect(inferFieldType('Zip', ['02134', '90210'], us)).toBe('postalCode');
    expect(inferFieldType('Code postal', ['75001'], fr)).toBe('postalCode');
  });

  it('finds numbers, money, dates, coordinates and picklists', () => {
    expect(inferFieldType('Seats', ['12', '3'], us)).toBe('number');
    expect(inferFieldType('Budget', ['$1,000', '$250'], us)).toBe('money');
    expect(inferFieldType('Signed on', ['2025-01-02', '2025-03-04'], us)).toBe('date');
    expect(inferFieldType('Lat', ['45.5', '-12.25'], us)).toBe('latitude');
    expect(
      inferFieldType(
        'Tier',
        Array.from({ length: 40 }, (_, i) => ['Gold', 'Silver', 'Bronze'][i % 3]),
        us,
      ),
    ).toBe('picklist');
    expect(inferFieldType('Notes', ['hello', 'world'], us)).toBe('text');
    expect(inferFieldType('Formula', ['=1+2', '=A1'], us)).toBe('text');
  });
});

describe('spreadsheet hazards', () => {
  it('knows formula-looking text', () => {
    for (const text of ['=1+2', '+33 1', '-x', '@SUM(A1)', '\tx', '\rx']) expect(looksLikeFormula(text)).toBe(true);
    expect(looksLikeFormula('Acme')).toBe(false);
  });

  it('restores the leading zeros a spreadsheet took from US ZIP codes', () => {
    expect(restoreZipLeadingZeros('2134')).toBe('02134');
    expect(restoreZipLeadingZeros('501')).toBe('00501');
    expect(restoreZipLeadingZeros('2134-1234')).toBe('02134-1234');
    expect(restoreZipLeadingZeros('90210')).toBe('90210');
  });
});
