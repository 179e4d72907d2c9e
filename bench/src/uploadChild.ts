/**
 * One upload in a fresh process, so its memory is the client's alone:
 * node uploadChild.mjs <falkit|official|fetch> <blob|bytes> <cold|warm> <emulator origin> <MiB>. Prints one JSON line.
 *
 * `fetch` is the floor: no client, the same multipart protocol by hand with Node's `fetch`, each part
 * a stream of 64 KiB views of the bytes (what falkit does with a `Uint8Array`, minus everything else).
 * `bytes`: the client gets the caller's `Uint8Array` itself (falkit only: the official client takes a
 * Blob). `blob`: a `Blob` made from it (the caller then holds both copies). `warm`: one plain `fetch`
 * to the emulator before the baseline, so Node's own HTTP stack (undici, its WebAssembly HTTP parser
 * compiled in the background) is already in memory and the figure is the client's alone.
 */
import { createFalClient as createOfficialClient } from '@fal-ai/client';
import { createFalClient } from '@falkit/core';
import { KEY, emulatorFetch } from './support';

const [client, source, start, origin, mib] = process.argv.slice(2) as [
  'falkit' | 'official' | 'fetch',
  'blob' | 'bytes',
  'cold' | 'warm',
  string,
  string,
];
if (client === 'official' && source !== 'blob') throw new Error('@fal-ai/client uploads Blobs only');
const size = Number(mib) * 1024 * 1024;
const bytes = new Uint8Array(size);
for (let offset = 0; offset < size; offset += 4096) bytes[offset] = (offset / 4096) % 251;
const blob = source === 'blob' ? new Blob([bytes], { type: 'application/octet-stream' }) : undefined;

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
if (start === 'warm') await (await fetch(`${origin}/bench-warm-up`)).arrayBuffer();
// Settle, then take the baseline with the file already in memory (the caller's own copy).
await new Promise((resolve) => setTimeout(resolve, start === 'warm' ? 1000 : 200));
const baselineRss = process.memoryUsage().rss;
const sampler = setInterval(sample, 5);
const started = performance.now();
const url =
  client === 'fetch'
    ? await uploadWithFetchAlone(bytes)
    : client === 'falkit'
      ? await createFalClient({
          baseUrl: origin,
          credentials: KEY,
          suppressLocalCredentialsWarning: true,
        }).storage.upload(blob ?? bytes, { contentType: 'application/octet-stream' })
      : await createOfficialClient({ credentials: KEY, fetch: emulatorFetch(origin) }).storage.upload(blob!);
const ms = performance.now() - started;
clearInterval(sampler);
sample();
// The caller's own copy stays referenced until here: otherwise the first full GC during the upload frees
// it and hides the client's allocations below the baseline (figures then follow GC timing, not the client).
if (bytes[0] !== 0 || (blob && blob.size !== size)) throw new Error('unreachable: the source changed');
console.log(
  JSON.stringify({
    url,
    ms,
    baselineRssMb: baselineRss / 1024 / 1024,
    peakRssMb: peakRss / 1024 / 1024,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

/** The floor: initiate, 10 MiB parts 4 at a time as streams of views, complete (§6.1), nothing else. */
async function uploadWithFetchAlone(data: Uint8Array): Promise<string> {
  const send = emulatorFetch(origin);
  const initiated = await send(
    'https://rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3',
    {
      method: 'POST',
      headers: { Authorization: `Key ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content_type: 'application/octet-stream', file_name: 'floor.bin' }),
    },
  );
  const target = (await initiated.json()) as { upload_url: string; file_url: string };
  const base = new URL(target.upload_url);
  const urlFor = (suffix: string) => `${base.origin}${base.pathname}/${suffix}${base.search}`;
  const partSize = 10 * 1024 * 1024;
  const count = Math.ceil(data.byteLength / partSize);
  const parts: Array<{ partNumber: number; etag: string }> = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const partNumber = ++next;
      const part = data.subarray((partNumber - 1) * partSize, partNumber * partSize);
      let offset = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (offset >= part.byteLength) return controller.close();
            controller.enqueue(part.subarray(offset, offset + 64 * 1024));
            offset += 64 * 1024;
          },
        },
        { highWaterMark: 0 },
      );
      const response = await send(urlFor(String(partNumber)), {
        method: 'PUT',
        body,
        headers: { 'Content-Length': String(part.byteLength) },
        duplex: 'half',
      } as RequestInit);
      parts.push({ partNumber, etag: ((await response.json()) as { etag: string }).etag });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  parts.sort((a, b) => a.partNumber - b.partNumber);
  const completed = await send(urlFor('complete'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ parts }),
  });
  if (!completed.ok) throw new Error(`complete: ${completed.status}`);
  return target.file_url;
}
