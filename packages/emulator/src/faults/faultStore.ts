import type { Fault, FaultSpec } from './faultTypes.js';
import { globToRegExp } from './glob.js';

/** setTimeout's limit: a longer delay would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const FAULT_TYPES = new Set(['status', 'ingress', 'delay', 'drop', 'truncate', 'corrupt', 'close']);

export interface FaultTarget {
  host: string;
  method: string;
  path: string;
  /** A WebSocket handshake (only these take `close` faults). */
  realtime?: boolean;
}

function matchesPath(pattern: string | RegExp, path: string): boolean {
  const trimmed = path.replace(/^\/+/, '');
  if (pattern instanceof RegExp) return pattern.test(path) || pattern.test(trimmed);
  const regex = globToRegExp(pattern.replace(/^\/+/, ''));
  return regex.test(trimmed);
}

/** Checks a fault spec (it may come from JSON over HTTP); throws a TypeError naming the problem. */
export function validateFaultSpec(spec: unknown): FaultSpec {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('fault must be an object');
  const fault = spec as FaultSpec;
  if (!FAULT_TYPES.has(fault.type)) {
    throw new TypeError(`fault.type must be one of ${[...FAULT_TYPES].join(', ')}`);
  }
  if (
    fault.type === 'status' &&
    // A web Response can only carry 200-599; anything else would fail on every matching request.
    !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)
  ) {
    throw new TypeError('fault.status must be an HTTP status code from 200 to 599');
  }
  if (
    fault.type === 'delay' &&
    !(typeof fault.ms === 'number' && fault.ms >= 0 && fault.ms <= MAX_DELAY_MS)
  ) {
    throw new TypeError(`fault.ms must be a number from 0 to ${MAX_DELAY_MS}`);
  }
  if (
    (fault.type === 'truncate' || fault.type === 'corrupt') &&
    !(Number.isInteger(fault.afterEvents) && fault.afterEvents >= 0)
  ) {
    throw new TypeError('fault.afterEvents must be a non-negative integer');
  }
  if (fault.type === 'close') {
    const { code, afterMessages } = fault;
    const sendable =
      (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005) || (code >= 3000 && code <= 4999);
    if (!Number.isInteger(code) || !sendable) {
      throw new TypeError('fault.code must be a WebSocket close code (1000-1014 or 3000-4999; 1006 resets)');
    }
    if (afterMessages !== undefined && !(Number.isInteger(afterMessages) && afterMessages >= 0)) {
      throw new TypeError('fault.afterMessages must be a non-negative integer');
    }
  }
  if (fault.times !== undefined && fault.times !== null && typeof fault.times !== 'number') {
    throw new TypeError('fault.times must be a number');
  }
  if (fault.pathRegex !== undefined) new RegExp(fault.pathRegex);
  return fault;
}

export class FaultStore {
  private faults: Fault[] = [];
  private counter = 0;

  add(spec: FaultSpec): Fault {
    validateFaultSpec(spec);
    const times =
      spec.times === undefined
        ? 1
        : spec.times === null || spec.times < 0
          ? Number.POSITIVE_INFINITY
          : spec.times;
    const fault: Fault = { ...spec, id: spec.id ?? `fault-${++this.counter}`, remaining: times, hits: 0 };
    this.faults = this.faults.filter((existing) => existing.id !== fault.id);
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Finds the first fault matching the request and spends one use of it. */
  take(target: FaultTarget): Fault | undefined {
    const isStream = /\/stream\/?$/.test(target.path);
    const fault = this.faults.find((candidate) => {
      if (candidate.remaining <= 0) return false;
      if ((candidate.type === 'truncate' || candidate.type === 'corrupt') && (!isStream || target.realtime))
        return false;
      if (candidate.type === 'close' && !target.realtime) return false;
      if (candidate.host && !globToRegExp(candidate.host).test(target.host)) return false;
      if (candidate.method && candidate.method.toUpperCase() !== target.method.toUpperCase()) return false;
      if (candidate.path !== undefined && !matchesPath(candidate.path, target.path)) return false;
      if (candidate.pathRegex !== undefined && !matchesPath(new RegExp(candidate.pathRegex), target.path))
        return false;
      return true;
    });
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
    return { ...fault };
  }
}
