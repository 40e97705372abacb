import { startPrivatePostgres } from "./postgres";
import { startApp, freePort, API_TOKEN, Sender } from "./harness";
import { mixedFlows } from "../helpers/flows";
const pg = await startPrivatePostgres({ port: await freePort() });
const app = await startApp({ DATABASE_URL: pg.url, DATABASE_POOL_SIZE: "8" });
try {
  const s = new Sender(() => app.url);
  const flow = mixedFlows(1, 1)[0]!.deliveries;
  console.log((await s.post(flow[0]!)).status);
  await pg.stop();
  for (const d of flow.slice(1, 4)) { const o = await s.post(d); console.log(o.status, Math.round(o.ms)); }
  await pg.start();
  for (const d of flow.slice(4)) { const o = await s.post(d); console.log(o.status, Math.round(o.ms)); }
  for (let i = 0; i < 8; i++) {
    const r = await fetch(`${app.url}/api/health`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    const t = await r.text();
    console.log(r.status, t.slice(t.indexOf('"intake"')));
    await new Promise((r) => setTimeout(r, 1000));
  }
} finally {
  console.log(app.output().slice(-3000));
  await app.destroy(); await pg.destroy();
}
