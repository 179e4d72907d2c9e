/** Node-only helpers: serve any emulator (or web handler) over node:http, and the CLI's `main`. */
export { startNodeServer } from '../server/nodeServer.js';
export type { NodeServer, NodeServerOptions } from '../server/nodeServer.js';
export { createRealtimeUpgrade } from '../realtime/nodeRealtimeUpgrade.js';
export type { UpgradeHandler } from '../realtime/nodeRealtimeUpgrade.js';
export { loadCassette, writeRecording } from '../record/cassetteFiles.js';
