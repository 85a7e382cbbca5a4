import { describe, expect, it } from 'vitest';
import { BIRTH_BUNDLE, BIRTH_CATALOG } from './birth-catalog.fixture.ts';
import { planMaterials, type MaterialAvailability, type PlanOptions, type TrustLevel } from './materials-plan.ts';
import type { Facts } from './types.ts';

const adult: Facts = { applicant: { age: 29 } };
const available = (shared: readonly string[] | 'unknown', licences: Record<string, TrustLevel> = {}): MaterialAvailability => ({
  sharedDatasets: shared === 'unknown' ? 'unknown' : new Set(shared),
  eLicenses: new Map(Object.entries(licences)),
});
const usual = available(['police.household'], { 'resident-id': 'A', 'marriage-cert': 'B' });
const plan = (avail = usual, facts = adult, options: PlanOptions = {}) => planMaterials(BIRTH_CATALOG, BIRTH_BUNDLE, ['MATERNITY'], facts, avail, options);
const material = (key: string, avail = usual, facts = adult, options: PlanOptions = {}) => plan(avail, facts, options).materials.find((m) => m.key === key)!;

describe('planMaterials', () => {
  it('asks for each material once, recording every item that needs it', () => {
    const { materials } = plan();
    expect(materials.map((m) => m.key)).toEqual(['id.parents', 'birth.medicalRecord', 'household.register', 'marriage.cert', 'birth.certificate', 'maternity.invoices']);
    expect(materials[0]!.neededBy).toEqual(['BIRTH-CERT', 'HUKOU', 'MEDICAL-INS', 'MATERNITY']);
    expect(planMaterials(BIRTH_CATALOG, BIRTH_BUNDLE, [], adult, usual).materials.map((m) => m.key)).not.toContain('maternity.invoices');
  });

  it('spares a material held as an A or B e-licence', () => {
    expect(material('id.parents')).toMatchObject({
      action: 'exempt',
      trustLevel: 'A',
      reason: { 'zh-CN': '不用提交：已找到您的电子证照', en: 'Not needed: your electronic certificate was found' },
    });
    expect(material('marriage.cert').reason['zh-CN']).toBe('不用提交：已找到您的电子证照');
  });

  it('uses the worse of the catalog level and the licence own level', () => {
    const c = material('id.parents', available([], { 'resident-id': 'C' }));
    expect(c).toMatchObject({
      action: 'bring-original',
      trustLevel: 'C',
      reason: { 'zh-CN': '已找到您的电子证照，部门还需看原件：请带原件到窗口', en: 'Your electronic certificate was found, but the department must see the original: bring it to the counter' },
    });
    const d = material('id.parents', available([], { 'resident-id': 'D' }));
    expect(d).toMatchObject({ action: 'self-declare', trustLevel: 'D', reason: { 'zh-CN': '已找到您的电子证照：请签字声明它真实有效' } });
    // The catalog grants the marriage licence level B at best, even for an A-level licence.
    expect(material('marriage.cert', available([], { 'marriage-cert': 'A' })).trustLevel).toBe('B');
  });

  it('asks for authorisation when the back office holds the dataset, deferring the check when that is unknown', () => {
    expect(material('household.register')).toMatchObject({
      action: 'authorise',
      reason: { 'zh-CN': '不用提交：您同意后，部门直接查询政府已有的记录', en: 'Not needed: with your permission the department looks up the records the government already holds' },
    });
    expect(material('household.register').deferred).toBeUndefined();
    expect(material('household.register', available('unknown'))).toMatchObject({ action: 'authorise', deferred: true });
    expect(material('household.register', available([]))).toMatchObject({
      action: 'bring-paper',
      reason: { 'zh-CN': '请携带原件到窗口', en: 'Bring the original to the counter' },
    });
  });

  it('offers the commitment unless the applicant is excluded or declined it', () => {
    const noLicence = available(['police.household'], { 'resident-id': 'A' });
    expect(material('marriage.cert', noLicence)).toMatchObject({
      action: 'sign-commitment',
      reason: { 'zh-CN': '可以用承诺代替：签署承诺书后不用提交', en: 'Not needed if you sign a written promise instead' },
    });
    const paper = { action: 'bring-paper', reason: { 'zh-CN': '请携带原件及复印件1份到窗口', en: 'Bring the original and 1 copy to the counter' } };
    expect(material('marriage.cert', noLicence, { applicant: { age: 17 } })).toMatchObject(paper);
    expect(material('marriage.cert', noLicence, adult, { declinedCommitments: new Set(['marriage.cert']) })).toMatchObject(paper);
  });

  it('captures at the kiosk, and falls back on the original at the window when no route applies', () => {
    expect(material('birth.medicalRecord')).toMatchObject({
      action: 'capture',
      reason: { 'zh-CN': '请在本机拍照或扫描（共2页）', en: 'Scan or photograph it at this kiosk (2 pages)' },
    });
    expect(material('birth.certificate')).toMatchObject({
      action: 'bring-paper',
      reason: { 'zh-CN': '本机无法获取，请带原件到窗口', en: 'This kiosk cannot obtain it: bring the original to the counter' },
    });
    expect(material('birth.certificate').route).toBeUndefined();
  });

  it('lists the other applicable routes as alternatives', () => {
    expect(material('marriage.cert').alternatives.map((a) => a.action)).toEqual(['sign-commitment', 'bring-paper']);
    expect(material('id.parents').alternatives.map((a) => a.action)).toEqual(['capture']);
  });

  it('sums up what the citizen must do, each material in exactly one list', () => {
    const noMarriage = plan(available(['police.household'], { 'resident-id': 'D' }));
    expect(noMarriage).toMatchObject({
      exempt: [],
      needsAuthorisation: ['household.register'],
      datasetsToAuthorise: ['police.household'],
      needsSignature: ['id.parents', 'marriage.cert'],
      toCapture: ['birth.medicalRecord'],
      toBring: ['birth.certificate', 'maternity.invoices'],
    });
    const { exempt, needsAuthorisation, needsSignature, toCapture, toBring } = plan();
    expect([...exempt, ...needsAuthorisation, ...needsSignature, ...toCapture, ...toBring].sort()).toEqual(plan().materials.map((m) => m.key).sort());
  });

  it('spares a material that another chosen item of the bundle produces', () => {
    const catalog = { ...BIRTH_CATALOG, items: new Map([...BIRTH_CATALOG.items].map(([code, item]) => [code, code === 'BIRTH-CERT' ? { ...item, produces: ['birth.certificate'] } : item])) };
    const planned = planMaterials(catalog, BIRTH_BUNDLE, ['MATERNITY'], adult, usual).materials.find((m) => m.key === 'birth.certificate')!;
    expect(planned).toMatchObject({ action: 'exempt', alternatives: [] });
    expect(planned.reason['zh-CN']).toContain('本次一起办理的');
    // Without the producing item, the certificate is asked for as before.
    const alone = { ...BIRTH_BUNDLE, items: BIRTH_BUNDLE.items.filter((i) => i.item !== 'BIRTH-CERT') };
    expect(planMaterials(catalog, alone, ['MATERNITY'], adult, usual).materials.find((m) => m.key === 'birth.certificate')!.action).not.toBe('exempt');
  });

  it('asks for a material only where its neededWhen holds over the card and the answers', () => {
    const fathersOnly = { fact: 'applicant.gender', op: 'eq', value: '1' } as const;
    const items = new Map(
      [...BIRTH_CATALOG.items].map(([code, item]) => [
        code,
        { ...item, materials: item.materials.map((ref) => (ref.key === 'marriage.cert' ? { ...ref, neededWhen: fathersOnly } : ref)) },
      ]),
    );
    const keys = (facts: Facts) => planMaterials({ ...BIRTH_CATALOG, items }, BIRTH_BUNDLE, [], facts, usual).materials.map((m) => m.key);
    expect(keys({ applicant: { age: 29, gender: '2' } })).not.toContain('marriage.cert');
    expect(keys({ applicant: { age: 29, gender: '1' } })).toContain('marriage.cert');
    // Unknown (no card gender, no answer): the condition does not hold, so the material is not asked for.
    expect(keys(adult)).not.toContain('marriage.cert');
  });

  it("spares the applicant's own document once the kiosk has read and checked it", () => {
    const routes = [{ kind: 'e-license', licenseType: 'resident-id', trustLevel: 'A', provenByIdentification: true }, { kind: 'capture', pages: 2, subject: 'document' }] as const;
    const catalog = {
      ...BIRTH_CATALOG,
      materials: new Map([...BIRTH_CATALOG.materials].map(([key, m]) => [key, key === 'id.parents' ? { ...m, routes: [...routes] } : m])),
    };
    const none = available([]);
    const read = planMaterials(catalog, BIRTH_BUNDLE, [], adult, { ...none, identified: true }).materials.find((m) => m.key === 'id.parents')!;
    expect(read).toMatchObject({ action: 'exempt', trustLevel: 'A', reason: { 'zh-CN': '不用提交：本机已读取并核对您的证件' } });
    // A helper's entry proves nothing: the document is captured.
    expect(planMaterials(catalog, BIRTH_BUNDLE, [], adult, none).materials.find((m) => m.key === 'id.parents')!.action).toBe('capture');
  });
});
