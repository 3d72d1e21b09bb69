import type { CommApi, TypecheckMode } from '../api';
import type { TypeService } from '../typecheck';
import { TYPES_COMM_TARGET, type TypesCheckRequest, type TypesReply } from '../typecheck/editor-messages';

/** `TypeService.check` names the cell it checks; an editor's check is of a cell that has not run. */
const EDITOR_CELL_ID = 'editor';

/**
 * Serves the `tripletlab.types` comm: an editor sends a cell's text as the user types and gets
 * the diagnostics the cell would have if it ran next, with every cell run so far in scope.
 */
export function registerTypesComm(comms: CommApi, types: () => TypeService, mode: () => TypecheckMode): void {
  comms.registerTarget(TYPES_COMM_TARGET, (comm) => {
    comm.onMsg((data) => {
      const send = (reply: TypesReply) => {
        try {
          comm.send(reply);
        } catch {
          // the editor closed the comm meanwhile; nobody is waiting for the answer
        }
      };
      const req = data as Partial<TypesCheckRequest> | null;
      if (!req || req.type !== 'check' || typeof req.id !== 'number' || typeof req.code !== 'string') {
        send({ type: 'error', id: typeof req?.id === 'number' ? req.id : undefined, message: `${TYPES_COMM_TARGET}: expected { type: 'check', id: number, code: string }, got ${JSON.stringify(data)}` });
        return;
      }
      const { id, code } = req;
      if (mode() === 'off') {
        send({ type: 'diagnostics', id, checked: false, diagnostics: [] });
        return;
      }
      types()
        .check(EDITOR_CELL_ID, code)
        .then(
          (diagnostics) => send({ type: 'diagnostics', id, checked: true, diagnostics }),
          (err: Error) => send({ type: 'error', id, message: `${TYPES_COMM_TARGET}: the type service failed: ${err.message}` }),
        );
    });
  });
}
