import { authorize } from '../auth/authorize.js';
import { jsonResponse, validationError } from '../http/jsonResponse.js';
import { readJsonBody } from '../http/readBody.js';
import type { EmulatorCore, RequestScope } from './emulatorCore.js';

const MAX_TOKEN_SECONDS = 24 * 60 * 60;

/** `POST rest.fal.ai/tokens/`: answers with a bare JSON string token (docs/protocol.md §2). */
export async function handleTokenRequest(core: EmulatorCore, scope: RequestScope): Promise<Response> {
  if (scope.request.method !== 'POST') return jsonResponse({ detail: 'Method Not Allowed' }, 405);
  const denied = authorize(core, scope, undefined);
  if (denied) return denied;
  const body = await readJsonBody(scope.request, core.maxBodyBytes);
  if (!body.ok) return body.response;
  const input = body.value as { allowed_apps?: unknown; token_expiration?: unknown } | null;
  const apps = input?.allowed_apps;
  if (
    !Array.isArray(apps) ||
    apps.length === 0 ||
    !apps.every((app) => typeof app === 'string' && app !== '')
  ) {
    return validationError([
      {
        loc: ['body', 'allowed_apps'],
        msg: 'allowed_apps must be a non-empty list of app aliases',
        type: 'value_error',
      },
    ]);
  }
  const expiration = input?.token_expiration ?? 120;
  if (typeof expiration !== 'number' || !(expiration > 0) || expiration > MAX_TOKEN_SECONDS) {
    return validationError([
      {
        loc: ['body', 'token_expiration'],
        msg: `token_expiration must be 1..${MAX_TOKEN_SECONDS} seconds`,
        type: 'value_error',
      },
    ]);
  }
  return jsonResponse(core.tokens.issue(apps as string[], expiration), 201);
}
