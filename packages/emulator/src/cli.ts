import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ListeningEmulator, createEmulator } from './emulator.js';
import { isUrlForm } from './urls/urlForm.js';

const USAGE = `Usage: falkit-emulator [--port 8787] [--host 127.0.0.1] [--workers 2] [--speed 1] [--key K]
                       [--urls emulator|real]

  --port     port to listen on (0 = any free port)          default 8787
  --host     interface to bind                              default 127.0.0.1
  --workers  jobs that run at once; the rest wait in queue  default 2
  --speed    duration multiplier (0 = instant, 0.1 = 10x faster)  default 1
  --key      require "Authorization: Key <K>"               default: accept anything
  --urls     URLs in answers: emulator = {origin}/{host}/…,  default emulator
             real = https://{host}/… (clients with a mapped fetch)
  --version  print the version and exit (also -v)`;

/** The installed package's version; src/ and dist/ both sit next to package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export interface CliIo {
  log: (line: string) => void;
  error: (line: string) => void;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

function numberOption(
  value: string | undefined,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !valid(parsed)) throw new CliUsageError(`Invalid --${name}: ${value}`);
  return parsed;
}

/** Starts an emulator from command-line arguments and prints the line scripts wait for. */
export async function main(
  argv: string[],
  io: CliIo = { log: console.log, error: console.error },
): Promise<ListeningEmulator> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        workers: { type: 'string' },
        speed: { type: 'string' },
        key: { type: 'string' },
        urls: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.version) {
    io.log(`falkit-emulator ${packageVersion()}`);
    throw new CliUsageError('version requested');
  }
  if (values.help) {
    io.log(USAGE);
    throw new CliUsageError('help requested');
  }
  const str = (name: string) => values[name] as string | undefined;
  const port = numberOption(str('port'), 'port', 8787, (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
  const workers = numberOption(str('workers'), 'workers', 2, (n) => Number.isInteger(n) && n >= 1);
  const speed = numberOption(str('speed'), 'speed', 1, (n) => Number.isFinite(n) && n >= 0);
  const host = str('host') ?? '127.0.0.1';
  const key = str('key');
  const urls = str('urls') ?? 'emulator';
  if (!isUrlForm(urls)) throw new CliUsageError(`Invalid --urls: ${urls} (emulator or real)`);
  const emulator = createEmulator({ workers, speed, urls, ...(key !== undefined && { key }) });
  const server = await emulator.listen({ port, host });
  io.log(`falkit emulator listening on ${server.url}`);
  return {
    ...server,
    close: async () => {
      await emulator.close();
    },
  };
}

/** The bin entry: runs until SIGINT/SIGTERM, then closes cleanly. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  let server: ListeningEmulator;
  try {
    server = await main(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      const informational = error.message === 'help requested' || error.message === 'version requested';
      if (!informational) console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = informational ? 0 : 2;
      return;
    }
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
    return;
  }
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) void run();
