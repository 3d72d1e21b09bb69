import { randomUUID } from 'node:crypto';
import { Header, PROTOCOL_VERSION } from './messages';

/**
 * A fresh header ("Message Header", messaging spec 5.3): a unique msg_id (UUID v4, as
 * jupyter_client's `new_id`), an ISO 8601 date with an explicit UTC offset, and version 5.3.
 */
export function makeHeader(msgType: string, session: string, username = 'tripletlab'): Header {
  if (typeof msgType !== 'string' || msgType === '') {
    throw new TypeError(`makeHeader: argument 'msgType' must be a non-empty string such as 'execute_request', got ${JSON.stringify(msgType)}`);
  }
  if (typeof session !== 'string' || session === '') {
    throw new TypeError(`makeHeader: argument 'session' must be a non-empty session id (use crypto.randomUUID() once per client), got ${JSON.stringify(session)}`);
  }
  return {
    msg_id: randomUUID(),
    session,
    username,
    // toISOString() always ends in 'Z'; the spec requires the timezone to be present.
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}
