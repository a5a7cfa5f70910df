/**
 * The Roster API layer: the typed client, its error family, the live event reader and the
 * human sentences for failures. Nothing here knows Lit or the DOM beyond `fetch`.
 */
export { createClient, etag } from './client.js';
export type {
  CallOptions,
  ClientOptions,
  EventsOptions,
  HeadersSource,
  InviteOptions,
  RetryOptions,
  RevokeOptions,
  RosterClient,
} from './client.js';
export {
  RosterContractError,
  RosterError,
  RosterHttpError,
  RosterNetworkError,
  RosterTimeoutError,
  isAbortError,
  isOutcomeUnknown,
  isRosterError,
  isRosterHttpError,
  isRosterNetworkError,
  isRosterTimeoutError,
} from './errors.js';
export type { FailedRequest } from './errors.js';
export { openEventStream } from './events.js';
export type { ConnectionState, EventStream, EventStreamOptions } from './events.js';
export { actionLabels, failureSentence, reasonForCode } from './messages.js';
