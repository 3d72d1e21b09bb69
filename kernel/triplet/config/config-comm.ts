import type { Comm, CommApi } from '../../api';
import { CONFIG_COMM_TARGET, type ConfigReply, type ConfigRequest } from '../../../contract/comms/config-messages';
import type { TripletSession } from '../session';

function handle(session: TripletSession, comm: Comm, data: unknown): void {
  const req = data as Partial<ConfigRequest> | null;
  if (!req || typeof req !== 'object' || typeof req.type !== 'string') {
    comm.send({ type: 'error', message: `tripletlab.config: expected { type: 'get' } or { type: 'set', config }, got ${JSON.stringify(data)}` } satisfies ConfigReply);
    return;
  }
  if (req.type === 'get') {
    comm.send({ type: 'config', config: session.config.serial() } satisfies ConfigReply);
    return;
  }
  if (req.type === 'set') {
    const patch = (req as { config?: unknown }).config;
    try {
      session.config.apply(patch as never, 'frontend', 'tripletlab.config set');
    } catch (err) {
      comm.send({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ConfigReply);
    }
    // Success is answered by the 'config' broadcast every open comm receives.
    return;
  }
  comm.send({ type: 'error', message: `tripletlab.config: unknown message type '${req.type}'; use 'get' or 'set'` } satisfies ConfigReply);
}

/**
 * Serves the `tripletlab.config` comm target, through which the editor reads and sets the
 * session's configuration. Every open config comm hears every change, whether a cell or the
 * editor made it. Returns the function that stops serving it.
 */
export function serveConfigComm(comms: CommApi, session: TripletSession): () => void {
  const open = new Set<Comm>();
  comms.registerTarget(CONFIG_COMM_TARGET, (comm) => {
    open.add(comm);
    comm.onClose(() => open.delete(comm));
    comm.onMsg((data) => handle(session, comm, data));
    comm.send({ type: 'config', config: session.config.serial() } satisfies ConfigReply);
  });
  const stop = session.events.on('config', ({ config, source }) => {
    for (const comm of open) {
      try {
        comm.send({ type: 'config', config, source } satisfies ConfigReply);
      } catch {
        open.delete(comm);
      }
    }
  });
  return () => {
    stop();
    comms.unregisterTarget(CONFIG_COMM_TARGET);
    open.clear();
  };
}
