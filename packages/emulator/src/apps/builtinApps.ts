import { anyLlmApp } from './anyLlmApp.js';
import type { AppRegistry } from './appRegistry.js';
import { echoApp } from './echoApp.js';
import { fastSdxlApp, fluxDevApp, fluxSchnellApp } from './imageApps.js';
import { realtimeImageApp } from '../realtime/realtimeImageApp.js';
import { whisperApp, wizperApp } from './whisperApp.js';
import { fluxDevImageToImageApp } from './imageToImageApp.js';
import { minimaxSpeechApp } from './speechApp.js';
import { lumaDreamMachineApp } from './videoApp.js';

/** Registers the stand-in apps every emulator starts with. */
export function registerBuiltinApps(registry: AppRegistry): void {
  registry.register('falkit/echo', echoApp);
  registry.register('fal-ai/fast-sdxl', fastSdxlApp);
  registry.register('fal-ai/flux/dev', fluxDevApp);
  registry.register('fal-ai/flux/schnell', fluxSchnellApp);
  registry.register('fal-ai/flux/dev/image-to-image', fluxDevImageToImageApp);
  registry.register('fal-ai/whisper', whisperApp);
  registry.register('fal-ai/wizper', wizperApp);
  registry.register('fal-ai/minimax/speech-02-hd', minimaxSpeechApp);
  registry.register('fal-ai/luma-dream-machine', lumaDreamMachineApp);
  registry.register('fal-ai/any-llm', anyLlmApp);
  // The realtime image stand-in answers plain HTTP calls too, as the real app does.
  registry.register('fal-ai/fast-lcm-diffusion', realtimeImageApp);
}
