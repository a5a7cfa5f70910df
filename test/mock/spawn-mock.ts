/**
 * Runs the mock's CLI in a child process, so it has an event loop of its own: how the server
 * answers while a client reads a long response can only be seen from outside its process (in one
 * process the reading client itself gives the server its pauses). For tests and benches.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/mock/cli.ts', import.meta.url));

export interface ChildMock {
  /** Base URL of the contract, e.g. `http://127.0.0.1:41234/api/v1`. */
  url: string;
  /** Stops the child (SIGTERM, then SIGKILL after a second) and resolves once it exited. */
  stop(): Promise<void>;
}

/** Starts `roster-mock --port 0 --no-presence …args` on 127.0.0.1; resolves once it listens. */
export function spawnMock(args: string[], timeoutMs = 30_000): Promise<ChildMock> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', '0', '--host', '127.0.0.1', '--no-presence', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(forced);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the mock did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      const url = /at (http:\/\/\S+\/api\/v1)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ url, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (code ${code}) before listening: ${output}`));
    });
  });
}
