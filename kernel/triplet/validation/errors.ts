/**
 * Raised when a triplet helper is given input it cannot use. The message names the argument,
 * the function and how to fix it, the way tfjs-core's `convertToTensor(x, 'labels', 'fn')` does,
 * so a notebook user sees the cause without reading a stack trace.
 */
export class TripletInputError extends Error {
  readonly argument: string;
  readonly functionName: string;

  constructor(argument: string, functionName: string, problem: string, fix: string) {
    super(`${functionName}: argument '${argument}' ${problem}. ${fix}`);
    this.name = 'TripletInputError';
    this.argument = argument;
    this.functionName = functionName;
  }
}
