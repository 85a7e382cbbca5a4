import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { MAX_CHUNK_BYTES } from '../api/schemas.ts';
import { sha256Hex } from '../api/signing.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter, send, type TestBackOffice } from '../test-support.ts';

describeEachDatabase('attachments', (target) => {
  const start = backOfficeStarter(target);
  const put = (b: TestBackOffice, sha256: string, offset: number, size: number, chunk: Uint8Array) =>
    send(b.server.url, b.credentials, { method: 'PUT', path: `/attachments/${sha256}?offset=${offset}&size=${size}`, body: chunk });
  const status = (b: TestBackOffice, sha256: string) => b.send({ method: 'GET', path: `/attachments/${sha256}` });

  it('continue an interrupted upload where it stopped, on another instance', async () => {
    const first = await start();
    const content = randomBytes(MAX_CHUNK_BYTES * 2 + 1000);
    const sha256 = sha256Hex(content);
    const size = content.byteLength;
    expect(await status(first, sha256)).toMatchObject({ status: 404, json: { error: 'not-found' } });
    expect(await put(first, sha256, 0, size, content.subarray(0, MAX_CHUNK_BYTES))).toMatchObject({ status: 200, json: { sha256, size, received: MAX_CHUNK_BYTES, complete: false } });
    // The kiosk lost the answer to its second chunk and does not know what arrived: it asks another instance.
    await put(first, sha256, MAX_CHUNK_BYTES, size, content.subarray(MAX_CHUNK_BYTES, 2 * MAX_CHUNK_BYTES));
    await first.server.close();
    const second = await start({}, first.credentials);
    expect(await status(second, sha256)).toMatchObject({ status: 200, json: { received: 2 * MAX_CHUNK_BYTES, complete: false } });
    expect(await put(second, sha256, 0, size, content.subarray(0, MAX_CHUNK_BYTES))).toMatchObject({ status: 409, json: { error: 'offset-mismatch', received: 2 * MAX_CHUNK_BYTES } });
    expect(await put(second, sha256, 2 * MAX_CHUNK_BYTES, size, content.subarray(2 * MAX_CHUNK_BYTES))).toMatchObject({ status: 200, json: { received: size, complete: true } });

    const db = await target.connect();
    const [stored] = await db.query<{ content: Uint8Array }>('SELECT content FROM attachments WHERE sha256 = $1', [sha256]);
    expect(Buffer.from(stored!.content).equals(content)).toBe(true);
    expect(await db.query('SELECT 1 FROM attachment_chunks WHERE sha256 = $1', [sha256])).toEqual([]);
    // Uploading it again, from any offset, changes nothing.
    expect(await put(second, sha256, 0, size, content.subarray(0, 10))).toMatchObject({ status: 200, json: { received: size, complete: true } });
  });

  it('discard an upload whose content does not match its hash', async () => {
    const b = await start();
    const content = randomBytes(5000);
    const claimed = sha256Hex(randomBytes(16));
    expect(await put(b, claimed, 0, 5000, content.subarray(0, 3000))).toMatchObject({ status: 200, json: { received: 3000, complete: false } });
    expect(await put(b, claimed, 3000, 5000, content.subarray(3000))).toMatchObject({ status: 422, json: { error: 'hash-mismatch' } });
    expect((await status(b, claimed)).status).toBe(404);
    // It can then be uploaded from the start.
    expect((await put(b, claimed, 0, 5000, content.subarray(0, 10))).json).toMatchObject({ received: 10 });
  });

  it('refuse a first chunk that does not start at 0, and a size that disagrees with the upload', async () => {
    const b = await start();
    const content = randomBytes(100);
    const sha256 = sha256Hex(content);
    expect(await put(b, sha256, 50, 100, content.subarray(50))).toMatchObject({ status: 409, json: { error: 'offset-mismatch', received: 0 } });
    expect((await status(b, sha256)).status).toBe(404);
    expect((await put(b, sha256, 0, 100, content.subarray(0, 40))).status).toBe(200);
    expect(await put(b, sha256, 40, 120, content.subarray(40))).toMatchObject({ status: 409, json: { error: 'size-mismatch', size: 100 } });
  });

  it('store an attachment that arrives whole at once, and answer a whole one from what is held of it', async () => {
    const b = await start();
    const content = randomBytes(900);
    const sha256 = sha256Hex(content);
    expect(await put(b, sha256, 0, 900, content)).toMatchObject({ status: 200, json: { sha256, size: 900, received: 900, complete: true } });
    expect(await put(b, sha256, 0, 900, content)).toMatchObject({ status: 200, json: { received: 900, complete: true } });
    const db = await target.connect();
    const [stored] = await db.query<{ content: Uint8Array }>('SELECT content FROM attachments WHERE sha256 = $1', [sha256]);
    expect(Buffer.from(stored!.content).equals(content)).toBe(true);

    // Whole but not what its name says: discarded. Whole while another upload of it is under way: continue there.
    const other = randomBytes(900);
    expect(await put(b, sha256Hex(randomBytes(8)), 0, 900, other)).toMatchObject({ status: 422, json: { error: 'hash-mismatch' } });
    const partial = sha256Hex(other);
    expect((await put(b, partial, 0, 900, other.subarray(0, 300))).status).toBe(200);
    expect(await put(b, partial, 0, 900, other)).toMatchObject({ status: 409, json: { error: 'offset-mismatch', received: 300 } });
    expect(await put(b, partial, 0, 1000, Buffer.concat([other, randomBytes(100)]))).toMatchObject({ status: 409, json: { error: 'size-mismatch', size: 900 } });
  });

  it('answer chunks that are too large, empty, past the size or without offset and size', async () => {
    const b = await start();
    const sha256 = sha256Hex('x');
    expect(await put(b, sha256, 0, MAX_CHUNK_BYTES * 2, randomBytes(MAX_CHUNK_BYTES + 1))).toMatchObject({ status: 413, json: { error: 'too-large' } });
    expect(await put(b, sha256, 0, 10, randomBytes(11))).toMatchObject({ status: 400, json: { error: 'invalid-query', issues: ['body: the chunk goes past size'] } });
    expect((await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=1`, body: new Uint8Array(0), headers: { 'content-type': 'application/octet-stream' } })).json).toMatchObject({ issues: ['body: an empty chunk'] });
    expect((await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=-1&size=1e3`, body: randomBytes(1) })).json).toMatchObject({
      issues: ['size: an integer from 1 to 20971520', 'offset: an integer from 0'],
    });
    expect((await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=1`, body: '{}' })).status).toBe(415);
    expect((await b.send({ method: 'GET', path: `/attachments/${sha256.toUpperCase()}` })).status).toBe(404);
  });
});
