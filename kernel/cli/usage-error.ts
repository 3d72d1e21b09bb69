/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value`, `-o value` and boolean flags. Every option must be
 * listed in `spec` (name → takes a value?); an unknown one is a UsageError naming it.
 */
export function parseArgs(argv: string[], spec: Record<string, boolean>, aliases: Record<string, string> = {}, command = 'tripletlab'): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    let [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    name = aliases[name] ?? name.replace(/^--?/, '');
    if (!(name in spec)) {
      const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
      throw new UsageError(`${command}: unknown option '${arg}' (known options: ${known || 'none'})`);
    }
    if (spec[name]) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${command}: option '--${name}' needs a value`);
      options[name] = value;
    } else {
      if (inline !== undefined) throw new UsageError(`${command}: option '--${name}' takes no value`);
      options[name] = true;
    }
  }
  return { positional, options };
}
