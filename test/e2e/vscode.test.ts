/**
 * End-to-end: the packaged extension in a real VS Code. code-server (VS Code served to a browser,
 * installed by test/e2e/install-code-server.sh) loads `tripletlab.vsix`; Debian's Chromium, driven
 * by playwright-core, does what a person does and checks what they would see. One VS Code serves
 * every scenario (scenarios/), each a subtest with notebooks and a kernel of its own:
 * language features, live controls, interrupts, late output, a new notebook, and every tutorial
 * under notebooks/. Screenshots go to test-artifacts/e2e/<scenario>/, a failure's too.
 *
 * Needs: `npm run package` (tripletlab.vsix), `bash test/e2e/install-code-server.sh`, chromium.
 * Environment: TRIPLETLAB_E2E=0 skips it; TRIPLETLAB_E2E_ONLY='interrupt,00-hello' runs the
 * scenarios whose names contain one of the words; TRIPLETLAB_E2E_SETTINGS='{...}' adds VS Code
 * user settings; TRIPLETLAB_QUICK (1 unless set) reaches the kernels, for the tutorials.
 * The names of failed scenarios are listed, one a line, in test-artifacts/e2e/failed-scenarios.txt,
 * so that test/run-all.mjs can give only those a second attempt.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';
import { checkRequirements, startVsCode, type VsCode } from './code-server';
import { channelTail, failureReport } from './failure-report';
import { screenshotter, selected, type Scenario } from './scenario';
import { completion } from './scenarios/completion';
import { firstNotebook } from './scenarios/first-notebook';
import { interrupt } from './scenarios/interrupt';
import { interruptFit } from './scenarios/interrupt-fit';
import { lateOutput } from './scenarios/late-output';
import { marginDuringFit } from './scenarios/margin-during-fit';
import { newNotebook } from './scenarios/new-notebook';
import { scheduleStage } from './scenarios/schedule-stage';
import { tutorialScenarios } from './scenarios/tutorials';
import { typeError } from './scenarios/type-error';
import { closeAllEditors } from './workbench';

const SKIP = process.env.TRIPLETLAB_E2E === '0' ? 'TRIPLETLAB_E2E=0: the VS Code end-to-end test is switched off' : false;
const root = repoRoot();
const scenarios: Scenario[] = [firstNotebook, typeError, completion, marginDuringFit, scheduleStage, lateOutput, interrupt, interruptFit, newNotebook, ...tutorialScenarios(root)].filter((s) =>
  selected(s.name),
);
const folderOf = (s: Scenario) => s.name.replace(/\s+/g, '-');

/** Runs `s`, ending it with an error after its time limit (its own waits are bounded too). */
async function withinLimit(s: Scenario, run: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vscode.test: scenario '${s.name}' ran past its ${s.timeoutMs / 60_000} minutes`)), s.timeoutMs);
  });
  try {
    await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

test('tripletlab in a real VS Code', { skip: SKIP, timeout: scenarios.reduce((sum, s) => sum + s.timeoutMs, 10 * 60_000) }, async (t) => {
  const vsix = process.env.TRIPLETLAB_VSIX ?? join(root, 'tripletlab.vsix');
  checkRequirements(vsix);
  const shots = join(root, 'test-artifacts', 'e2e');
  // Screenshots of an earlier run would pass for this one's.
  if (!process.env.TRIPLETLAB_E2E_ONLY) rmSync(shots, { recursive: true, force: true });
  for (const s of scenarios) rmSync(join(shots, folderOf(s)), { recursive: true, force: true });
  const failedList = join(shots, 'failed-scenarios.txt');
  rmSync(failedList, { force: true });
  mkdirSync(shots, { recursive: true });

  const scratch = mkdtempSync(join(tmpdir(), 'tripletlab-e2e-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  for (const s of scenarios) s.prepare?.(workspace);
  const env = { TRIPLETLAB_QUICK: process.env.TRIPLETLAB_QUICK ?? '1' };
  const t0 = Date.now();
  const startup: Record<string, number> = {};
  let vscode: VsCode | undefined;
  try {
    vscode = await startVsCode({ vsix, scratch, workspace, env, mark: (name) => (startup[name] = Date.now() - t0) });
    t.diagnostic(`VS Code start-up (ms): ${JSON.stringify(startup)}`);
    const { page, dataDir } = vscode;
    for (const s of scenarios) {
      await t.test(s.name, async (st) => {
        const started = Date.now();
        const times: Record<string, number> = {};
        const ctx = {
          page,
          workspace,
          env,
          shot: screenshotter(page, join(shots, folderOf(s))),
          mark: (step: string) => (times[step] = Date.now() - started),
        };
        try {
          await withinLimit(s, s.run(ctx));
        } catch (err) {
          appendFileSync(failedList, `${s.name}\n`);
          for (const line of await failureReport(page, join(shots, folderOf(s), 'failure.png'), dataDir, vscode!.serverLog())) st.diagnostic(line);
          // The next scenario starts from a clean workbench; closing a notebook ends its kernel.
          await closeAllEditors(page).catch((e) => st.diagnostic(`could not close the editors: ${String(e)}`));
          throw err;
        } finally {
          st.diagnostic(`${s.name}: ${((Date.now() - started) / 1000).toFixed(1)} s; steps (ms): ${JSON.stringify(times)}`);
        }
      });
    }
    const channel = channelTail(dataDir);
    if (channel) t.diagnostic(`tripletlab output channel:\n${channel}`);
  } finally {
    t.diagnostic(`e2e total: ${((Date.now() - t0) / 1000).toFixed(0)} s for ${scenarios.length} scenarios`);
    await vscode?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
