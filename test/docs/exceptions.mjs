// Blocks of READMEs that test/docs/check-readmes.mjs checks with extra markers, because the marker
// cannot (yet) go in the README's info string: the README belongs to another area of the project, or
// the block is a CLI synopsis. Each entry names one block by text it alone contains; an entry that
// matches no block, or several, fails the check.
//
//   fragment       continues an earlier block of the same README (uses its `fal`, `emulator`, ...):
//                  parsed for syntax only.
//   after-release  documents the package as its users run it once installed from npm.
//   synopsis       a usage line, not a command.
//   drift          wrong today, owned elsewhere: parsed for syntax, and every run lists it.
export const exceptions = [
  // ---- packages/core: the API tour continues from the first block's `fal` / `createFalClient`.
  ...[
    "const { data, requestId } = await fal.run('fal-ai/fast-sdxl'",
    "const controller = new AbortController();\nconst { data } = await fal.subscribe('fal-ai/flux/dev', {",
    "const { request_id: requestId } = await fal.queue.submit('fal-ai/flux/dev'",
    "const request = await fal.submit('fal-ai/flux/dev', { input: { prompt: 'a fox' } });",
    'for await (const update of request.events()) {',
    'import { ApiError, FalInputError, NetworkError, TimeoutError, ValidationError }',
    'maxRetries: 2, // every operation',
    "declare module '@falkit/core' {",
    "const stream = await fal.stream('fal-ai/any-llm', { input: { prompt: 'hi' } });",
    "const file = new File([await (await fetch('https://example.com/cat.png')).blob()], 'cat.png'",
    'await fal.storage.transformInput(',
    "import { encode, encodeBlob, encodeImage, uploadImage, fal } from '@falkit/core';",
  ].map((contains) => ({
    readme: 'packages/core/README.md',
    contains,
    markers: ['fragment'],
    why: 'continues the tour: uses `fal`, `bytes`, `request`, ... from earlier blocks',
  })),

  // ---- packages/emulator: the guide continues from `const emulator = createEmulator()`.
  ...[
    "const emulator = createEmulator({ urls: 'real' }); // emulator.fetch and every listen()",
    "emulator.faults.add({\n  type: 'status',",
    "import { createEmulatorHandlers, createRealtimeHandlers } from '@falkit/emulator/msw';",
    "emulator.app('me/sketch', httpHandler, {",
    "emulator.faults.add({ type: 'close', code: 4001",
    'const submits = emulator.requests()',
  ].map((contains) => ({
    readme: 'packages/emulator/README.md',
    contains,
    markers: ['fragment'],
    why: 'continues the guide: uses `emulator`, `createEmulator`, `setupWorker`, ... from earlier blocks',
  })),
  {
    readme: 'packages/emulator/README.md',
    contains: 'falkit-emulator --urls real',
    markers: ['after-release'],
    why: 'the CLI as users of the installed package run it (npx / npm scripts); in the repo: `pnpm exec falkit-emulator`',
  },
  {
    readme: 'packages/emulator/README.md',
    contains: 'falkit-emulator [--port 8787]',
    markers: ['synopsis'],
    why: 'the CLI usage line',
  },
  {
    readme: 'packages/emulator/README.md',
    contains: '"payload":{…model output…}',
    markers: ['fragment'],
    why: 'two webhook bodies with `…` placeholders, not one JSON document',
  },

  // ---- packages/proxy
  {
    readme: 'packages/proxy/README.md',
    contains: 'npm install @falkit/proxy',
    markers: ['after-release'],
    why: 'the install line for after the release (the root README says how to install from tarballs today)',
  },
  ...[
    "import { createRouteHandler } from '@falkit/proxy/nextjs';",
    "<FalProvider config={{ proxyUrl: '/api/fal/proxy' }}>…</FalProvider>",
    "createRouteHandler({ allowedEndpoints: ['fal-ai/flux/dev'], emulatorOrigin",
    'const mirrored = async () => fetch(FAL_WEBHOOK_JWKS_URL);',
  ].map((contains) => ({
    readme: 'packages/proxy/README.md',
    contains,
    markers: ['fragment'],
    why: 'uses names the reader supplies (`getSession`, `request`) or imported in earlier blocks',
  })),
  {
    readme: 'packages/proxy/README.md',
    contains: '// Bun: FAL_KEY comes from process.env.',
    markers: ['fragment'],
    why: 'Bun code: `Bun.serve` has no types here (no @types/bun in the workspace)',
  },

  // ---- packages/react: sections after the getting-started example continue from earlier blocks.
  ...[
    "import { Generate } from './generate'; // a 'use client' file using useFalSubscribe",
    "const stream = useFalStream('fal-ai/any-llm');",
    'const zone = useFalDropZone({',
    "<FalDropZone\n  accept={['audio/wav', '.wav']}",
    "<FalProvider config={{ proxyUrl: '/api/fal/proxy', uploadConcurrency: 2 }}>",
  ].map((contains) => ({
    readme: 'packages/react/README.md',
    contains,
    markers: ['fragment'],
    why: "JSX snippets and files of the reader's app (`./providers`, `isSafe`, `transcribe`) that use names from earlier blocks",
  })),

  // ---- examples/ai-sdk
  {
    readme: 'examples/ai-sdk/README.md',
    contains: "const fal = createFal({ apiKey: 'anything', fetch: falHostsFetch(",
    markers: ['fragment'],
    why: '`falHostsFetch` is the function in index.mjs next to it (typecheck of index.mjs is the example test)',
  },
];
