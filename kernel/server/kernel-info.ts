import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersion as ownVersion } from '../paths';

/** Version of a package read from its package.json, without loading the package itself (TypeScript takes ~0.4 s to load). */
function packageVersion(name: string): string {
  try {
    const file = require.resolve(join(name, 'package.json'));
    return JSON.parse(readFileSync(file, 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
}

/** Content of `kernel_info_reply` ("Kernel info", messaging spec 5.3). */
export function kernelInfoContent(): Record<string, unknown> {
  const version = ownVersion();
  const ts = packageVersion('typescript');
  return {
    status: 'ok',
    protocol_version: '5.3',
    implementation: 'tripletlab',
    implementation_version: version,
    language_info: {
      name: 'typescript',
      version: ts,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: { name: 'javascript', typescript: true },
      pygments_lexer: 'typescript',
      nbconvert_exporter: 'script',
    },
    banner: `tripletlab ${version}: TypeScript ${ts} on Node.js ${process.versions.node}, with TensorFlow.js (tf) and triplet-network helpers (triplet)`,
    help_links: [
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/' },
      { text: 'TensorFlow.js API', url: 'https://js.tensorflow.org/api/latest/' },
    ],
    debugger: false,
  };
}
