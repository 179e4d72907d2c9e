/** Node side of cassettes: reading a cassette directory and writing recordings into one. */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type Cassette, type Recording, filePath, recordingPath } from './recording.js';

async function jsonFiles(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await jsonFiles(path)));
    else if (entry.name.endsWith('.json')) found.push(path);
  }
  return found.sort();
}

/** Reads every recording under `{dir}/requests` and the files they name. */
export async function loadCassette(dir: string): Promise<Cassette> {
  const cassette: Cassette = { recordings: [], files: new Map() };
  for (const path of await jsonFiles(join(dir, 'requests'))) {
    const recording = JSON.parse(await readFile(path, 'utf8')) as Recording;
    if (recording.version !== 1) {
      throw new Error(`${relative(dir, path)}: unsupported recording version ${String(recording.version)}`);
    }
    cassette.recordings.push(recording);
    for (const [url, file] of Object.entries(recording.files ?? {})) {
      if (cassette.files.has(url)) continue;
      const bytes = new Uint8Array(await readFile(join(dir, ...file.path.split('/'))));
      cassette.files.set(url, { bytes, contentType: file.contentType });
    }
  }
  return cassette;
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Writes one recording (pretty JSON, stable key order as built) and its files. A recording of the
 * same intent replaces the older one. `secrets` never reach disk: any occurrence is replaced.
 */
export async function writeRecording(
  dir: string,
  recording: Recording,
  files: Map<string, Uint8Array>,
  secrets: readonly string[],
): Promise<string> {
  let text = `${JSON.stringify(recording, null, 2)}\n`;
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  for (const [url, bytes] of files) {
    await writeAtomically(join(dir, ...filePath(url).split('/')), bytes);
  }
  const path = join(dir, ...recordingPath(recording).split('/'));
  await writeAtomically(path, text);
  return relative(dir, path).split(sep).join('/');
}
