#!/usr/bin/env node
// Stable bin entry: the package manager links it before `dist/` exists.
import '../dist/cli.js';
