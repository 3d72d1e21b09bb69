/** A malformed display payload: names the function, the argument (a JSON path) and the fix. */
export class PayloadError extends Error {
  readonly fn: string;
  readonly path: string;
  constructor(fn: string, path: string, problem: string, fix: string) {
    super(`${fn}: ${path} ${problem}; ${fix}.`);
    this.name = 'PayloadError';
    this.fn = fn;
    this.path = path;
  }
}
