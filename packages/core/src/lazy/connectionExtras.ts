/**
 * A connection's rarely needed code (`@falkit/core/functions`): uploads of files found in an input and
 * client connection mode's token request, in ONE lazy module so a page's own code splits into at most
 * two files (what only the page reaches, and what this module reaches too).
 */
export { transformInput } from '../storage/transformInput';
export { fetchWithClientToken } from '../transport/fetchWithClientToken';
// Reaching the connection keeps the transport code the page already loaded in one shared chunk.
export { createFalConnection } from '../connection';
