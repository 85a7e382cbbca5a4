import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_FILES } from '../../api/catalog-version.ts';
import { SHIPPED_CATALOG } from '../../cli/args.ts';
import { parseCatalogLabels } from './catalog-labels.ts';

async function shipped(): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(CATALOG_FILES.map(async (name) => [name, await readFile(join(SHIPPED_CATALOG, name), 'utf8')])));
}

describe('catalog labels', () => {
  it('name the fields, items, bundles, materials and rating reasons of the shipped catalog', async () => {
    const labels = parseCatalogLabels(await shipped());
    expect(labels.field('applicant.idNumber')).toMatchObject({ label: '公民身份号码', type: 'id-number', personal: true });
    expect(labels.field('applicant.gender')!.choices.get('2')).toBe('女');
    expect(labels.item('11019900WJ-GG-0101')).toMatchObject({ name: '出生医学证明首次签发', department: '示例市卫生健康委员会（助产机构签发）' });
    expect(labels.item('11019900WJ-GG-0101')!.fields.slice(0, 3)).toEqual(['applicant.name', 'applicant.idNumber', 'applicant.gender']);
    expect(labels.bundle('110199PCN0009')).toBe('新生儿出生一件事');
    expect(labels.material('idCard')).toBe('居民身份证');
    expect(labels.ratingReason('slow')).toBe('办理时间长，超过承诺时限');
  });

  it('know nothing rather than fail when a file is missing, not YAML or oddly shaped', () => {
    const labels = parseCatalogLabels({ 'fields.yaml': 'fields: [1, {key: a.b}, {label: x}]', 'items.yaml': ': : :', 'bundles.yaml': 'bundles: 3' });
    expect(labels.field('a.b')).toEqual({ label: 'a.b', type: undefined, personal: false, choices: new Map() });
    expect([labels.item('x'), labels.bundle('x'), labels.material('x'), labels.ratingReason('x')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
