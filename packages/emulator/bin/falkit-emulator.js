#!/usr/bin/env node
// Stable bin entry: the package manager links it before `dist/` exists.
import { run } from '../dist/cli.js';

await run(process.argv.slice(2));
