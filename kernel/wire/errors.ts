/** Typed faults of the wire protocol; each message says what was wrong and what to do about it. */

export class WireProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class MissingDelimiterError extends WireProtocolError {
  constructor(frameCount: number) {
    super(`decodeMessage: no '<IDS|MSG>' delimiter frame among ${frameCount} frames; a Jupyter message is [identities…, '<IDS|MSG>', signature, header, parent_header, metadata, content, buffers…]`);
  }
}

export class InsufficientFramesError extends WireProtocolError {
  constructor(readonly found: number) {
    super(`decodeMessage: ${found} frames after the '<IDS|MSG>' delimiter, need at least 5 (signature, header, parent_header, metadata, content)`);
  }
}

export class BadSignatureError extends WireProtocolError {
  constructor(reason: string) {
    super(`decodeMessage: ${reason}; check that both ends use the 'key' and 'signature_scheme' of the same connection file`);
  }
}

export class ReplayedMessageError extends WireProtocolError {
  constructor(readonly signature: string) {
    super(`decodeMessage: signature ${signature.slice(0, 16)}… was already seen; a signed message is accepted once only (replay protection), send a new message with a fresh msg_id instead`);
  }
}

export class InvalidJsonError extends WireProtocolError {
  constructor(readonly part: string, detail: string) {
    super(`decodeMessage: the ${part} frame is not a JSON object (${detail}); each of header, parent_header, metadata and content must be UTF-8 JSON objects`);
  }
}

export class MessageTooLargeError extends WireProtocolError {
  constructor(readonly size: number, readonly limit: number, fn = 'decodeMessage') {
    super(`${fn}: message of ${size} bytes exceeds the limit of ${limit} bytes; send large data in smaller pieces or raise 'limits.maxMessageBytes'`);
  }
}

export class InvalidHeaderError extends WireProtocolError {
  constructor(readonly field: string, detail: string) {
    super(`decodeMessage: header field '${field}' ${detail}; a header needs string msg_id, msg_type, session, username, date and version`);
  }
}

export class UnserializableContentError extends WireProtocolError {
  constructor(readonly part: string, detail: string) {
    super(`encodeMessage: the ${part} cannot be serialised to JSON (${detail}); pass plain JSON values (convert BigInt to number or string, remove cycles)`);
  }
}

export class UnsupportedSignatureSchemeError extends WireProtocolError {
  constructor(readonly scheme: string) {
    super(`Signer: signature_scheme ${JSON.stringify(scheme)} is not supported; use 'hmac-sha256' (the scheme Jupyter writes in connection files)`);
  }
}

export class PortInUseError extends WireProtocolError {
  constructor(readonly channel: string, readonly port: number, readonly address: string) {
    super(`KernelSockets.bind: port ${port} for the ${channel} channel (${address}) is already in use; write a new connection file with free ports (writeConnectionFile picks them)`);
  }
}

export class RequestTimeoutError extends WireProtocolError {
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`KernelClient: no answer to ${what} within ${timeoutMs} ms; check that the kernel is running, or pass a larger 'timeoutMs'`);
  }
}

export class ClientClosedError extends WireProtocolError {
  constructor(what: string) {
    super(`KernelClient: ${what} cannot complete because the client was closed; create a new client to talk to the kernel again`);
  }
}

export class KernelExitedError extends WireProtocolError {
  constructor(readonly code: number | null, readonly signal: string | null, readonly stderrTail: string) {
    super(`startKernel: the kernel process exited before it was ready (code ${code}, signal ${signal})${stderrTail ? `; its last output:\n${stderrTail}` : ''}\nCheck the kernel's argv and that it reads the connection file passed as {connection_file}`);
  }
}
