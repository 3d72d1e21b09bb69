import type { DisplayHandle, KernelApi } from '../../api';
import type { TrainingPayload } from '../../../contract/payloads';
import { trainingBundle } from '../render';

const DISPLAY_EVERY_MS = 250;
const STDERR_EVERY_MS = 2000;

/**
 * Where training progress goes: one live display in `notebook`'s kernel (updated at most every
 * 250 ms, and always at the end), else a short line on stderr every 2 s, else nowhere.
 */
export function progressReporter(enabled: boolean, notebook: KernelApi | undefined): { report(build: () => TrainingPayload, final?: boolean): void } {
  const kernel = enabled ? notebook : undefined;
  let handle: DisplayHandle | undefined;
  let last = -Infinity;
  return {
    report(build, final = false) {
      if (!enabled) return;
      const now = Date.now();
      const every = kernel ? DISPLAY_EVERY_MS : STDERR_EVERY_MS;
      if (!final && now - last < every) return;
      last = now;
      const p = build();
      if (kernel) {
        const bundle = trainingBundle(p);
        if (!handle) handle = kernel.display.mime(bundle);
        else handle.update(bundle);
        return;
      }
      process.stderr.write(progressLine(p) + '\n');
    },
  };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function progressLine(p: TrainingPayload): string {
  const loss = p.loss.length ? p.loss[p.loss.length - 1].toFixed(4) : '–';
  const v = p.validation?.at(-1);
  const cfg = p.config?.at(-1);
  return (
    `fit ${p.status}: step ${p.step}/${p.totalSteps} epoch ${Math.min(p.epoch + 1, p.totalEpochs)}/${p.totalEpochs} ` +
    `loss ${loss}${cfg ? ` margin ${cfg.margin} ${cfg.mining}` : ''} hard ${pct(p.fractions.hard)} semi-hard ${pct(p.fractions.semiHard)} easy ${pct(p.fractions.easy)}` +
    (v ? ` ${v.metric} ${v.value.toFixed(3)}` : '') +
    ` ${p.elapsedSeconds.toFixed(1)} s`
  );
}
