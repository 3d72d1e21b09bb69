import { BackendSelectionError } from './errors';
import type { BackendRequest } from './types';

export const BACKEND_ENV = 'TRIPLETLAB_BACKEND';
const VALID: readonly BackendRequest[] = ['tensorflow', 'wasm', 'cpu', 'auto'];

/** Parses TRIPLETLAB_BACKEND; empty or unset means automatic choice (tensorflow → wasm → cpu). */
export function parseBackendRequest(value: string | undefined): BackendRequest {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return 'auto';
  if ((VALID as readonly string[]).includes(v)) return v as BackendRequest;
  throw new BackendSelectionError(
    `${BACKEND_ENV}=${JSON.stringify(value)} is not a known backend (in loadTf). ` +
      `Set ${BACKEND_ENV} to one of ${VALID.join(', ')}, or unset it to choose automatically.`,
  );
}
