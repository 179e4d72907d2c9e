/** A connection's lazily loaded queue code (see ../features/queue), for `@falkit/core/functions`. */
export * from '../features/queue';
// As in the client's lazy modules (../queue.ts): reaching the connection from every lazy module puts the
// code the page already loaded in one shared chunk. Not the client: a functions page never loads it.
export { createFalConnection } from '../../connection';
export { isQueueStatus } from '../../types/queueStatus';
