import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FalInputError, fal } from '@falkit/core';
import { encodeFile, fileFromPath, mimeTypeFromPath, uploadFile } from '@falkit/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './support/startEmulator';

let env: RunningEmulator;
let dir: string;

beforeAll(async () => {
  env = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'falkit-node-'));
});
afterAll(async () => {
  await env.close();
  await rm(dir, { recursive: true, force: true });
});

describe('@falkit/core/node', () => {
  it('guesses MIME types from extensions, falling back to octet-stream', () => {
    expect(mimeTypeFromPath('/a/b/photo.PNG')).toBe('image/png');
    expect(mimeTypeFromPath('voice.wav')).toBe('audio/wav');
    expect(mimeTypeFromPath('clip.mp4')).toBe('video/mp4');
    expect(mimeTypeFromPath('C:\\x\\doc.pdf')).toBe('application/pdf');
    expect(mimeTypeFromPath('README')).toBe('application/octet-stream');
    expect(mimeTypeFromPath('.bashrc')).toBe('application/octet-stream');
    expect(mimeTypeFromPath('weird.xyz123')).toBe('application/octet-stream');
  });

  it('encodeFile reads a file into a data URL typed from its extension', async () => {
    const path = join(dir, 'hello.txt');
    await writeFile(path, 'héllo');
    expect(await encodeFile(path)).toBe(`data:text/plain;base64,${Buffer.from('héllo').toString('base64')}`);
    expect(await encodeFile(pathToFileURL(path), { contentType: 'text/markdown' })).toMatch(
      /^data:text\/markdown;/,
    );
  });

  it('fileFromPath opens a named, typed File', async () => {
    const path = join(dir, 'tone.wav');
    await writeFile(path, new Uint8Array([1, 2, 3, 4]));
    const file = await fileFromPath(path);
    expect(file.name).toBe('tone.wav');
    expect(file.type).toBe('audio/wav');
    expect(file.size).toBe(4);
    expect(new Uint8Array(await file.slice(1, 3).arrayBuffer())).toEqual(new Uint8Array([2, 3]));
  });

  it('uploadFile uploads with the given client and keeps the file name and type', async () => {
    const path = join(dir, 'picture.png');
    const bytes = new Uint8Array(50_000).map((_, index) => index % 256);
    await writeFile(path, bytes);
    const url = await uploadFile(path, { client: env.client() });
    expect(url).toContain('picture.png');
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toContain('image/png');
    expect(Buffer.compare(new Uint8Array(await response.arrayBuffer()), bytes)).toBe(0);
  });

  it('uploadFile streams large files from disk in parts', async () => {
    const path = join(dir, 'big.bin');
    const bytes = new Uint8Array(700 * 1024).map((_, index) => (index * 13) % 256);
    await writeFile(path, bytes);
    const url = await uploadFile(path, {
      client: env.client(),
      multipartThreshold: 200 * 1024,
      partSize: 128 * 1024,
    });
    const response = await fetch(url);
    expect(Buffer.compare(new Uint8Array(await response.arrayBuffer()), bytes)).toBe(0);
  });

  it('uploadFile uses the shared fal instance by default', async () => {
    fal.config({ baseUrl: env.url, credentials: 'test-key' });
    const path = join(dir, 'notes.md');
    await writeFile(path, '# hi');
    const url = await uploadFile(path);
    expect(await (await fetch(url)).text()).toBe('# hi');
  });

  it('rejects missing paths with a clear error', async () => {
    await expect(uploadFile('', { client: env.client() })).rejects.toBeInstanceOf(FalInputError);
    await expect(encodeFile(join(dir, 'missing.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
