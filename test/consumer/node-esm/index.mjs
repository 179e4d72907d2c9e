// Plain Node ESM, no bundler, no TypeScript: @falkit/core's main, functions and Node entries from the
// installed tarballs, against the emulator whose URL is the first argument.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFalClient } from '@falkit/core';
import { createFalConnection, run } from '@falkit/core/functions';
import { fileFromPath, uploadFile } from '@falkit/core/node';

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) throw new Error('usage: node index.mjs <emulator url>');
const fal = createFalClient({ baseUrl });

const { data, requestId } = await fal.subscribe('fal-ai/fast-sdxl', {
  input: { prompt: 'a lighthouse at dusk' },
  logs: true,
});
if (!data.images?.[0]?.url || !requestId) throw new Error(`unexpected result: ${JSON.stringify(data)}`);

const path = join(tmpdir(), `falkit-consumer-${process.pid}.txt`);
await writeFile(path, 'hello from a tarball');
const file = await fileFromPath(path);
if (file.name !== `falkit-consumer-${process.pid}.txt` || file.type !== 'text/plain') {
  throw new Error(`fileFromPath: ${file.name} ${file.type}`);
}
const url = await uploadFile(path, { client: fal });
const body = await (await fetch(url)).text();
if (body !== 'hello from a tarball') throw new Error(`uploaded file reads back as ${JSON.stringify(body)}`);

// The functions entry, as its README section shows it.
const connection = createFalConnection({ baseUrl });
const ran = await run(connection, 'fal-ai/fast-sdxl', { input: { prompt: 'a lighthouse' } });
if (!ran.data.images?.[0]?.url) throw new Error(`functions run: ${JSON.stringify(ran.data)}`);

console.log(`node esm ok: image ${data.images[0].url.slice(0, 40)}…, upload ${url}`);
