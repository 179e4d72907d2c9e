/** Client connection mode's token request (`connectionMode: 'client'`): loaded on first use. */
export { fetchWithClientToken } from '../transport/fetchWithClientToken';
export * from './clientModules';
