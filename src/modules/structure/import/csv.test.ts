import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseCsv, writeCsv } from './csv.js';
import { mapHeader, parseCsvDay, parseRole } from './csv-columns.js';

const cp1252 = (text: string) => new Uint8Array([...text].map((ch) => ({ å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6, é: 0xe9 })[ch] ?? ch.charCodeAt(0)));

describe('CSV as Swedish spreadsheets write it', () => {
  it('decodes UTF-8 with and without BOM, and Windows-1252', () => {
    const text = 'Plats;Namn\nHälso- och sjukvård;Åsa Öberg\n';
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array(Buffer.from(text)))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(cp1252(text))).toEqual({ text, encoding: 'windows-1252' });
  });

  it('finds the separator: semicolon, comma or tab', () => {
    expect(detectDelimiter('Plats;Namn;E-post\n')).toBe(';');
    expect(detectDelimiter('Plats,Namn,E-post\n')).toBe(',');
    expect(detectDelimiter('"A;B",Namn,E-post\n')).toBe(',');
    expect(detectDelimiter('Plats\tNamn\n')).toBe('\t');
  });

  it('parses quotes, doubled quotes, separators and line breaks in cells, with line numbers', () => {
    const records = parseCsv('Plats;Namn\r\n"Läkare; kommunal";"Anna ""Ankan"" Berg"\r\n\r\n"Två\nrader";Bo\nSista;Cilla');
    expect(records).toEqual([
      { line: 1, cells: ['Plats', 'Namn'] },
      { line: 2, cells: ['Läkare; kommunal', 'Anna "Ankan" Berg'] },
      { line: 4, cells: ['Två\nrader', 'Bo'] },
      { line: 6, cells: ['Sista', 'Cilla'] },
    ]);
  });

  it('writes semicolon CSV with BOM that reads back the same, and defuses formulas', () => {
    const rows = [
      ['Plats', 'Namn'],
      ['Läkare; kommunal', '=SUMMA(A1)'],
      ['Ett "citat"', 'Öst'],
    ];
    const text = writeCsv(rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain("'=SUMMA(A1)");
    expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
  });

  it('maps Swedish headers, roles and dates', () => {
    expect(mapHeader(['Plats', 'Företräder', 'Namn', 'E-post', 'Roll', 'Från', 'Till', 'Okänd']).unknown).toEqual(['Okänd']);
    expect(parseRole('Vice ordförande')).toBe('vice_chair');
    expect(parseRole('ledamot')).toBe('member');
    expect(parseRole('process_leader')).toBe('process_leader');
    expect(parseRole('Kung')).toBeUndefined();
    expect(parseCsvDay('2025-1-5')).toBe('2025-01-05');
    expect(parseCsvDay('2025-01-05 00:00')).toBe('2025-01-05');
    expect(parseCsvDay('5/1/2025')).toBeUndefined();
  });
});
