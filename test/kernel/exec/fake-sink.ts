import type { OutputSink } from '../../../kernel/api';

export interface Published {
  msgType: string;
  content: Record<string, any>;
  metadata?: Record<string, unknown>;
  buffers?: Buffer[];
}

/** An in-memory OutputSink: records every IOPub message, answers input() from a queue. */
export class FakeSink implements OutputSink {
  readonly messages: Published[] = [];
  readonly prompts: { prompt: string; password: boolean }[] = [];
  constructor(private readonly answers: string[] = []) {}

  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Buffer[]): void {
    this.messages.push({ msgType, content: content as Record<string, any>, metadata, buffers });
  }

  input(prompt: string, password: boolean): Promise<string> {
    this.prompts.push({ prompt, password });
    const answer = this.answers.shift();
    return answer === undefined ? Promise.reject(new Error('stdin not allowed')) : Promise.resolve(answer);
  }

  of(msgType: string): Published[] {
    return this.messages.filter((m) => m.msgType === msgType);
  }

  streamText(name: 'stdout' | 'stderr'): string {
    return this.of('stream')
      .filter((m) => m.content.name === name)
      .map((m) => m.content.text as string)
      .join('');
  }
}

let count = 0;
/** Execute options for the next cell, numbered like a fresh kernel's. */
export function cell(sink: OutputSink, silent = false) {
  return { sink, executionCount: ++count, silent };
}
