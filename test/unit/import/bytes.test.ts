import { describe, expect, it } from 'vitest';
import { decodeText, inspectFile, sniffEncoding } from '../../../src/model/import/bytes';
import { strToU8, zipSync } from 'fflate';
import { MAX_FILE_BYTES } from '../../../src/shared/desktop';
import { ModelError } from '../../../src/shared/errors';
import { fixture, utf8, writeXlsx } from './helpers';

function refusal(bytes: Uint8Array, name = 'file.csv'): ModelError {
  try {
    inspectFile(bytes, name);
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('refusing what is not a spreadsheet', () => {
  it('refuses an empty file, naming it', () => {
    const error = refusal(fixture('empty.csv'), 'empty.csv');
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('"empty.csv"');
    expect(error.message).toContain('empty');
  });

  it('refuses a binary file with NUL bytes', () => {
    const error = refusal(fixture('binary.csv'));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toMatch(/binary file/);
  });

  it('refuses a file over the size limit before reading it', () => {
    const huge = new Uint8Array(4);
    Object.defineProperty(huge, 'length', { value: MAX_FILE_BYTES + 1 });
    const error = refusal(huge);
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toMatch(/larger than 2 GB/);
  });

  it('names old .xls workbooks, PDFs and zips that are not workbooks', () => {
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).message).toMatch(/97-2003/);
    expect(refusal(utf8('%PDF-1.7 ...')).message).toMatch(/PDF/);
    expect(refusal(zipSync({ 'notes.txt': strToU8('hello') })).message).toMatch(/ZIP archive/);
  });

  it('reads a workbook by its content even when it is named .csv', () => {
    expect(inspectFile(writeXlsx([['a']]), 'accounts.csv')).toBe('xlsx');
    expect(inspectFile(fixture('accounts-en-bom.csv'), 'accounts.csv')).toBe('csv');
  });
});

describe('text encodings', () => {
  it('UTF-8 with a BOM: BOM removed', () => {
    const { text, encoding } = decodeText(fixture('accounts-en-bom.csv'));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('Account ID')).toBe(true);
    expect(text).toContain('Société Générale');
  });

  it('UTF-8 without BOM', () => {
    const { text, encoding } = decodeText(fixture('accounts-en-nobom.csv'));
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Société Générale');
  });

  it('UTF-16 LE and BE with a BOM', () => {
    for (const name of ['accounts-utf16le.txt', 'accounts-utf16be.txt']) {
      const { text, encoding } = decodeText(fixture(name));
      expect(encoding).toBe(name.includes('le') ? 'utf-16le' : 'utf-16be');
      expect(text.startsWith('Account ID\t')).toBe(true);
      expect(text).toContain('Zürich Versicherung');
    }
  });

  it('UTF-16 without a BOM is recognised from its NUL pattern, not refused as binary', () => {
    const le = new Uint8Array(Buffer.from('Account ID,Account Name\r\nA-1,Acme\r\n', 'utf16le'));
    expect(sniffEncoding(le)).toBe('utf-16le');
    expect(inspectFile(le, 'x.csv')).toBe('csv');
    expect(decodeText(le).text).toContain('A-1,Acme');
  });

  it('Windows-1252 when the bytes are not valid UTF-8 (é, ç)', () => {
    const { text, encoding } = decodeText(fixture('comptes-windows1252.csv'));
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Crédit Agricole');
    expect(text).toContain('Française des Jeux');
  });

  it('a partial read never cuts a character in two', () => {
    const bytes = utf8('ab é');
    // "é" is 2 bytes at offsets 3-4: stopping at 4 must not turn it into a replacement character.
    const { text, encoding } = decodeText(bytes, { limit: 4 });
    expect(encoding).toBe('utf-8');
    expect(text).toBe('ab ');
  });
});
