import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter } from '../test-support.ts';

describeEachDatabase('POST /identity/eid', (target) => {
  const start = backOfficeStarter(target, { seedExchange: true });
  const resolve = async (code: string, as?: false) => (await start()).send({ method: 'POST', path: '/identity/eid', body: { code }, as });

  it('resolve a known QR e-ID code to its fake identity', async () => {
    expect(await resolve('EID1:TESTZHANGSAN0001')).toMatchObject({
      status: 200,
      json: { identity: { name: '张三', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'resident', address: '北京市东城区测试路1号' } },
    });
  });

  it('tell an unknown code from a malformed one, and refuse an unsigned request', async () => {
    expect(await resolve('EID1:UNKNOWNCODE000')).toMatchObject({ status: 404, json: { error: 'unknown-code' } });
    expect(await resolve('hello')).toMatchObject({ status: 400, json: { error: 'malformed-code' } });
    expect(await resolve('x'.repeat(200))).toMatchObject({ status: 400, json: { error: 'invalid-body' } });
    expect(await resolve('EID1:TESTZHANGSAN0001', false)).toMatchObject({ status: 401, json: { error: 'unsigned' } });
  });
});
