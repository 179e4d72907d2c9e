/** A connection's lazily loaded stream code (`@falkit/core/functions`; see ../features/stream). */
export * from '../features/stream';
// As in the client's lazy modules: reaching the connection from every lazy module keeps the transport
// code a page already loaded in one shared chunk.
export { createFalConnection } from '../../connection';
export { isQueueStatus } from '../../types/queueStatus';
