import { takeDevtoolsScreenshot } from './devtoolsScreenshot';

console.log(`[devtools] screenshot saved to ${await takeDevtoolsScreenshot()}`);
