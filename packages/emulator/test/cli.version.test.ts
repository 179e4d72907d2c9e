import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliUsageError, main } from '../src/cli.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('falkit-emulator --version', () => {
  it('prints the package version and starts nothing', async () => {
    for (const flag of ['--version', '-v']) {
      const lines: string[] = [];
      const started = main([flag, '--port', '0'], { log: (line) => lines.push(line), error: () => {} });
      await expect(started).rejects.toBeInstanceOf(CliUsageError);
      await expect(started).rejects.toThrow('version requested');
      expect(lines).toEqual([`falkit-emulator ${version}`]);
    }
  });

  it('lists --version in the usage text', async () => {
    const lines: string[] = [];
    await expect(main(['--help'], { log: (line) => lines.push(line), error: () => {} })).rejects.toThrow(
      'help requested',
    );
    expect(lines.join('\n')).toMatch(/--version\s+print the version/);
  });
});
