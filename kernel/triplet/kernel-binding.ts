import type { Comm, KernelApi } from '../api';
import { on } from './config/events';
import { setKernel } from './config/host';
import { CONFIG_COMM_TARGET, type ConfigReply, type ConfigRequest } from '../../contract/comms/config-messages';
import { serialConfig } from './config/serial';
import { applyConfig, getConfig, getPosition } from './config/store';

interface Binding {
  unbind(): void;
}

const bindings = new WeakMap<KernelApi, Binding>();

function current(): ConfigReply {
  return { type: 'config', config: serialConfig(getConfig(), getPosition()) };
}

function handle(comm: Comm, data: unknown): void {
  const req = data as Partial<ConfigRequest> | null;
  if (!req || typeof req !== 'object' || typeof req.type !== 'string') {
    comm.send({ type: 'error', message: `tripletlab.config: expected { type: 'get' } or { type: 'set', config }, got ${JSON.stringify(data)}` } satisfies ConfigReply);
    return;
  }
  if (req.type === 'get') {
    comm.send(current());
    return;
  }
  if (req.type === 'set') {
    const patch = (req as { config?: unknown }).config;
    try {
      applyConfig(patch as never, 'frontend', 'tripletlab.config set');
    } catch (err) {
      comm.send({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ConfigReply);
    }
    // Success is answered by the 'config' broadcast every open comm receives.
    return;
  }
  comm.send({ type: 'error', message: `tripletlab.config: unknown message type '${req.type}'; use 'get' or 'set'` } satisfies ConfigReply);
}

/**
 * Connects the library to the kernel it runs in: display and hooks for fit/watch, and the
 * `tripletlab.config` comm target through which the editor reads and sets the configuration.
 * Every open config comm hears every change, whether a cell or the editor made it.
 * Calling it again for the same kernel returns the existing binding.
 */
export function bindToKernel(kernel: KernelApi): Binding {
  const existing = bindings.get(kernel);
  if (existing) return existing;
  setKernel(kernel);
  const open = new Set<Comm>();
  kernel.comms.registerTarget(CONFIG_COMM_TARGET, (comm) => {
    open.add(comm);
    comm.onClose(() => open.delete(comm));
    comm.onMsg((data) => handle(comm, data));
    comm.send(current());
  });
  const stop = on('config', ({ config, source }) => {
    for (const comm of open) {
      try {
        comm.send({ type: 'config', config, source } satisfies ConfigReply);
      } catch {
        open.delete(comm);
      }
    }
  });
  const binding: Binding = {
    unbind() {
      stop();
      kernel.comms.unregisterTarget(CONFIG_COMM_TARGET);
      open.clear();
      bindings.delete(kernel);
      setKernel(undefined);
    },
  };
  bindings.set(kernel, binding);
  return binding;
}
