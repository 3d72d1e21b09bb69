const { KernelClient } = require('/work/main/out/kernel/wire/client.js');
const { spawn } = require('child_process');
const fs = require('fs'); const net = require('net');
async function port() { return new Promise(r => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); }); }
(async () => {
  const info = { transport: 'tcp', ip: '127.0.0.1', key: 'abc', signature_scheme: 'hmac-sha256', shell_port: await port(), iopub_port: await port(), stdin_port: await port(), control_port: await port(), hb_port: await port() };
  fs.writeFileSync('/tmp/_conn.json', JSON.stringify(info));
  const extra = process.argv.slice(2);
  const child = spawn(process.execPath, ['/work/main/out/kernel/cli/main.js', 'kernel', '--connection-file', '/tmp/_conn.json', ...extra], { stdio: 'inherit' });
  await new Promise(r => setTimeout(r, 800));
  const c = await KernelClient.connect(info, { log: () => {} });
  await c.kernelInfo(30000); await c.waitForReady(30000);
  const run = async (code) => { const s = performance.now(); await c.execute(code, { timeoutMs: 60000 }); return performance.now() - s; };
  await run('1+1'); 
  for (let i = 0; i < 40; i++) { await run('const warmUp: number = "x";'); await new Promise(r => setTimeout(r, 100)); }
  const med = xs => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(2);
  for (const [name, f] of [['trivial', i => '1 + 1'], ['distinct', i => `1 + ${i}`], ['decl', i => `const v${i}: number = ${i};`], ['trivial2', i => '1 + 1']]) {
    const xs = []; for (let i = 0; i < 100; i++) xs.push(await run(f(i)));
    console.log(name, med(xs));
  }
  child.kill(); process.exit(0);
})();
