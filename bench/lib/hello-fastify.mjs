// The reference for bench/startup.ts: a bare Fastify hello-world with one route, the least a
// Node HTTP service on this machine needs to start. The path of `fastify` comes as argv[2]
// (the API's own copy), the port as PORT.
import { pathToFileURL } from 'node:url';

const { default: Fastify } = await import(pathToFileURL(process.argv[2]).href);
const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
