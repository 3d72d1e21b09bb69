import { installKernelSpec, InstallTarget } from './kernelspec';
import { parseArgs, UsageError } from './usage-error';

/** `tripletlab install [--user | --sys-prefix | --prefix P] [--name N]` */
export function installCommand(argv: string[]): number {
  const { positional, options } = parseArgs(argv, { user: false, 'sys-prefix': false, prefix: true, name: true }, {}, 'tripletlab install');
  if (positional.length) throw new UsageError(`tripletlab install: unexpected argument '${positional[0]}'`);
  const chosen = ['user', 'sys-prefix', 'prefix'].filter((k) => options[k] !== undefined);
  if (chosen.length > 1) throw new UsageError(`tripletlab install: choose one of --user, --sys-prefix, --prefix (got ${chosen.map((c) => '--' + c).join(' and ')})`);
  const target: InstallTarget =
    typeof options.prefix === 'string' ? { kind: 'prefix', prefix: options.prefix } : options['sys-prefix'] ? { kind: 'sys-prefix' } : { kind: 'user' };
  const name = typeof options.name === 'string' ? options.name : undefined;
  if (name !== undefined && !/^[a-z0-9._-]+$/i.test(name)) throw new UsageError(`tripletlab install: --name may use letters, digits, '.', '_' and '-', got '${name}'`);
  const dir = installKernelSpec(target, name);
  process.stdout.write(`Installed kernelspec ${name ?? 'tripletlab'} ("TypeScript (tripletlab)") in ${dir}\n`);
  return 0;
}
