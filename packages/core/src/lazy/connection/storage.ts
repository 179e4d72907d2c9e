/** A connection's lazily loaded storage code (`@falkit/core/functions`; see ../features/storage). */
export * from '../features/storage';
// As in the client's lazy modules: reaching the connection from every lazy module keeps the transport
// code a page already loaded in one shared chunk.
export { createFalConnection } from '../../connection';
export { isQueueStatus } from '../../types/queueStatus';
