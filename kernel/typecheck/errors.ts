/** The type service cannot answer: its worker failed to start, crashed, or was closed. */
export class TypeServiceError extends Error {
  override readonly name = 'TypeServiceError';
}
