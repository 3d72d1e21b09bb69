import type { SerialConfig } from '../../contract/comms/config-messages';

/** Status bar text, e.g. `$(symbol-ruler) m=0.20 · batch-hard`; a schedule is marked with `~`. */
export function statusText(config: Pick<SerialConfig, 'margin' | 'mining' | 'marginSchedule' | 'miningSchedule'>): string {
  const m = `${config.marginSchedule ? '~' : ''}${config.margin.toFixed(2)}`;
  const mining = `${config.miningSchedule ? '~' : ''}${config.mining}`;
  return `$(symbol-ruler) m=${m} · ${mining}`;
}

/** Status bar tooltip: every setting, one a line. */
export function statusTooltip(config: SerialConfig): string {
  return [
    `Triplet margin: ${config.margin}${config.marginSchedule ? ' (scheduled)' : ''}`,
    `Mining: ${config.mining}${config.miningSchedule ? ' (scheduled)' : ''}`,
    `Distance: ${config.distance}`,
    `Soft margin: ${config.softMargin}`,
    `Normalize embeddings: ${config.normalize}`,
    `Watch: ${config.watch ? 'on' : 'paused'}`,
    'Click to set the margin.',
  ].join('\n');
}
