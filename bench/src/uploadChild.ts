/**
 * One upload in a fresh process, so its memory is the client's alone: node uploadChild.mjs
 * <falkit|official> <emulator origin> <MiB>. Prints one JSON line.
 */
import { createFalClient as createOfficialClient } from '@fal-ai/client';
import { createFalClient } from '@falkit/core';
import { KEY, emulatorFetch } from './support';

const [client, origin, mib] = process.argv.slice(2) as [string, string, string];
const size = Number(mib) * 1024 * 1024;
const bytes = new Uint8Array(size);
for (let offset = 0; offset < size; offset += 4096) bytes[offset] = (offset / 4096) % 251;
const blob = new Blob([bytes], { type: 'application/octet-stream' });

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
// Settle, then take the baseline with the file already in memory (the caller's own copy).
await new Promise((resolve) => setTimeout(resolve, 200));
const baselineRss = process.memoryUsage().rss;
const sampler = setInterval(sample, 5);
const started = performance.now();
const url =
  client === 'falkit'
    ? await createFalClient({ baseUrl: origin, credentials: KEY }).storage.upload(blob)
    : await createOfficialClient({ credentials: KEY, fetch: emulatorFetch(origin) }).storage.upload(blob);
const ms = performance.now() - started;
clearInterval(sampler);
sample();
// The caller's own copy stays referenced until here: otherwise the first full GC during the upload frees
// it and hides the client's allocations below the baseline (figures then follow GC timing, not the client).
if (bytes[0] !== 0) throw new Error('unreachable: the source bytes changed');
console.log(
  JSON.stringify({
    url,
    ms,
    baselineRssMb: baselineRss / 1024 / 1024,
    peakRssMb: peakRss / 1024 / 1024,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
