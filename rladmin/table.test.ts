import { describe, expect, it } from 'vitest';
import { table } from './table.ts';

describe('a status table', () => {
  it('aligns columns to their widest cell, one space apart, without trailing blanks', () => {
    expect(table('CLUSTER NODES', ['NODE:ID', 'ADDRESS', 'EXTERNAL_ADDRESS', 'STATUS'], [['node:1', '10.0.0.1', '', 'OK'], ['node:12', '10.0.0.12', '198.51.100.1', 'DOWN']])).toEqual([
      'CLUSTER NODES:',
      'NODE:ID ADDRESS   EXTERNAL_ADDRESS STATUS',
      'node:1  10.0.0.1                   OK',
      'node:12 10.0.0.12 198.51.100.1     DOWN',
    ]);
    expect(table('DATABASES', ['DB:ID', 'NAME'], [])).toEqual(['DATABASES:', 'DB:ID NAME']);
  });
});
