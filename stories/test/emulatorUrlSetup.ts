import { inject } from 'vitest';
import { setEmulatorUrl } from '../src/backend';

// Runs in the browser before the stories: point live stories at this run's emulator.
setEmulatorUrl(inject('falkitEmulatorUrl'));
