/**
 * One end-to-end scenario: a name (TRIPLETLAB_E2E_ONLY selects scenarios by it), a time limit
 * and what it does in the shared VS Code. Each scenario works in notebooks of its own, so their
 * kernels are their own, and leaves the workbench with every editor closed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface ScenarioContext {
  page: Page;
  /** The folder VS Code has open; scenarios write their notebooks here. */
  workspace: string;
  /** The environment code-server was started with, beyond the test's own. */
  env: Record<string, string>;
  /** Keeps a screenshot of what a person sees now, named after the step. */
  shot(step: string): Promise<void>;
  /** Records the time since the scenario started. */
  mark(step: string): void;
}

export interface Scenario {
  name: string;
  timeoutMs: number;
  /** Writes the scenario's notebooks into the workspace before VS Code starts (Quick Open then finds them at once). */
  prepare?(workspace: string): void;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Screenshots of a scenario go to test-artifacts/e2e/<scenario>/NN-<step>.png, numbered in order. */
export function screenshotter(page: Page, folder: string): (step: string) => Promise<void> {
  mkdirSync(folder, { recursive: true });
  let n = 0;
  return async (step) => {
    n++;
    await page.screenshot({ path: join(folder, `${String(n).padStart(2, '0')}-${step}.png`) });
  };
}

/**
 * TRIPLETLAB_E2E_ONLY='interrupt,00-hello' runs the scenarios whose names contain any of the
 * comma-separated words; unset or empty runs all.
 */
export function selected(name: string, only = process.env.TRIPLETLAB_E2E_ONLY ?? ''): boolean {
  const words = only.split(',').map((w) => w.trim()).filter(Boolean);
  return words.length === 0 || words.some((w) => name.includes(w));
}
