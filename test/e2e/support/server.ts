/** Serves the built browser host (dist-web) on a free loopback port, with the MIME types module workers need. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `mounts` serves other folders below a path of the same origin (`{ '/bench/': dir }`), so that pages of both share
 * its storage (IndexedDB).
 */
export async function serveStatic(
  root = path.resolve('dist-web'),
  mounts: Record<string, string> = {},
): Promise<StaticServer> {
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root} has no index.html: run npm run build:web`);
  const server: Server = createServer((request, response) => {
    let pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let base = root;
    const mount = Object.keys(mounts).find((prefix) => pathname.startsWith(prefix));
    if (mount) {
      base = mounts[mount];
      pathname = pathname.slice(mount.length - 1);
    }
    let file = path.resolve(base, '.' + pathname);
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
