/** Raised when the backend asked for (TRIPLETLAB_BACKEND) is unknown or cannot be loaded. */
export class BackendSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendSelectionError';
  }
}
