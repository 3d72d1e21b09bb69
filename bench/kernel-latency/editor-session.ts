import { performance } from 'node:perf_hooks';
import type { EditorCells, KernelUnderTest } from './kernels';
import { treeRssMb } from './process-tree';
import { completeAtEnd, outputText, withKernel } from './session';
import { median } from './stats';

/** What a user meets in a session's first seconds in the editor, and completion on a tensor. */
export interface EditorFigures {
  /** From the first kernel_info_reply to the reply of the session's first completion. */
  first_complete_ms: number;
  /** Whether that first completion held the expected name (a fast empty answer is no answer). */
  first_complete_found: boolean;
  /** A wrong declaration run as a fresh session's first cell shows TS2322. */
  checked_from_first: boolean;
  /** Median completion after `emb.` on a tfjs tensor, the cell's text edited between requests. */
  tensor_complete_ms: number;
  /** Whether the tensor completion lists `shape` and `dataSync`. */
  tensor_complete_found: boolean;
  /** What answered it, where the kernel says (tripletlab: `values` of the session or its `types` service). */
  tensor_complete_source: string | null;
  /** Median completion on a call's result (`emb.square().resh`), which takes the type checker. */
  typed_complete_ms: number;
  typed_complete_found: boolean;
  /** Resident memory of the kernel's process tree once the checker has answered on the tensor. */
  rss_with_checker_mb: number | null;
}

/**
 * Two fresh sessions per kernel. In the first, a completion is asked for right after the kernel
 * answers kernel_info (as an editor does when the user starts typing), then a tensor is made and
 * completed on. In the second, the first cell is a wrong declaration, run while a checker that
 * loads in the background may not be ready: it must still be reported.
 */
export async function measureEditor(k: KernelUnderTest, cells: EditorCells, completions: number): Promise<EditorFigures> {
  const editing = await withKernel(k, async ({ client, child, readyAt, run }) => {
    const first = await completeAtEnd(client, cells.firstComplete);
    const firstMs = performance.now() - readyAt;
    await run(cells.tensorSetup);
    const times: number[] = [];
    const typedTimes: number[] = [];
    let found = true;
    let typedFound = true;
    let source: string | null = null;
    for (let i = 0; i < completions; i++) {
      // A different text each time, as while typing: no answer can come from the previous one.
      const c = await completeAtEnd(client, cells.tensorComplete(i));
      times.push(c.ms);
      found &&= c.matches.includes('shape') && c.matches.includes('dataSync');
      source = c.source ?? null;
      const t = await completeAtEnd(client, cells.typedComplete(i));
      typedTimes.push(t.ms);
      typedFound &&= t.matches.includes(cells.typedCompleteExpect);
    }
    return {
      tensor_complete_source: source,
      typed_complete_ms: median(typedTimes),
      typed_complete_found: typedFound,
      first_complete_ms: firstMs,
      first_complete_found: first.matches.includes(cells.firstCompleteExpect),
      tensor_complete_ms: median(times),
      tensor_complete_found: found,
      rss_with_checker_mb: treeRssMb(child.pid!),
    };
  });
  const checked = await withKernel(k, async ({ client }) => {
    const r = await client.execute(cells.wrongFirstCell, { timeoutMs: 60_000 });
    return /TS2322|not assignable to type 'number'/.test(outputText(r.outputs) + JSON.stringify(r.reply.content));
  });
  return { ...editing, checked_from_first: checked };
}
