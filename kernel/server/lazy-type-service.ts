import type { TypeService } from '../typecheck';

/** The type service, started on first need: loading TypeScript takes ~0.4 s, kept off start-up. */
export class LazyTypeService {
  private service: TypeService | undefined;

  constructor(private readonly cwd: string) {}

  get(): TypeService {
    if (!this.service) {
      const { TypeService } = require('../typecheck') as typeof import('../typecheck');
      this.service = TypeService.start({ cwd: this.cwd });
    }
    return this.service;
  }

  get started(): boolean {
    return this.service !== undefined;
  }

  async close(): Promise<void> {
    await this.service?.close();
  }
}
