/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the local emulator the stories call (set by `pnpm demo`). */
  readonly VITE_FALKIT_EMULATOR_URL?: string;
  /** Set when `pnpm demo` runs with FAL_KEY: requests go through this @falkit/proxy route to fal.ai. */
  readonly VITE_FALKIT_PROXY_URL?: string;
}
