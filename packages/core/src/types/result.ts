/** What run / subscribe / result resolve to: the model output and fal's request id. */
export interface Result<T> {
  data: T;
  requestId: string;
}

/** Body fal POSTs to a `webhookUrl` when a queued request finishes. */
export type WebHookResponse<Payload = any> =
  | { status: 'OK'; payload: Payload; error: never; request_id: string; gateway_request_id?: string }
  | { status: 'ERROR'; payload: Payload; error: string; request_id: string; gateway_request_id?: string };
