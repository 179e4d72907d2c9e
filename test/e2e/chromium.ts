import type { LaunchOptions } from 'playwright-core';
import { chromiumArgs, chromiumExecutablePath } from './chromiumFlags.mjs';

/** Debian's chromium (never a downloaded browser) with the flags a closed network needs (toolchain gotcha 4). */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: chromiumExecutablePath,
  args: chromiumArgs,
};
