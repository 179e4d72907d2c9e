/** A connection's lazily loaded queue code (`@falkit/core/functions`; see ../features/queue). */
export * from '../features/queue';
// As in the client's lazy modules: reaching the connection from every lazy module keeps the transport
// code a page already loaded in one shared chunk.
export { createFalConnection } from '../../connection';
export { isQueueStatus } from '../../types/queueStatus';
