/** Payloads the kernel displays and the renderer draws: MIME types, types, schemas and validators, the projection encoding, renderer ↔ extension messages. */
export * from './mime';
export type * from './types';
export { PayloadError } from './errors';
export { encodeBase64, decodeBase64 } from './base64';
export { distancesSchema, projectionSchema, trainingSchema, type JsonSchema } from './schemas';
export { validateDistancesPayload, validateProjectionPayload, validateTrainingPayload } from './validate';
export { encodeProjection, decodeProjection, type ProjectionInput } from './projection';
export * from './renderer-messages';
