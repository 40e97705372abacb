/**
 * `npm run simulate -- --target <url> --secret <s> [--scenario name] [--list]`: sends one scenario's webhooks,
 * in the real senders' formats, to any running Status Tracker, and prints each delivery's answer, to check a
 * webhook set-up end to end. Only webhooks are sent: the instance's own Sonarr, qBittorrent … are not touched.
 */
import { parseArgs } from "node:util";
import { firstUid, runScenario, webhookSender } from "./demo/engine";
import { findScenario, scenarios } from "./demo/scenarios";

const say = (line: string) => process.stdout.write(`${line}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({
    options: {
      target: { type: "string" },
      secret: { type: "string" },
      scenario: { type: "string", default: "movie" },
      list: { type: "boolean", default: false },
    },
  });
  if (values.list) {
    for (const s of scenarios) say(`${s.name.padEnd(22)}${s.summary}`);
    return;
  }
  const target = values.target ?? fail("--target <url> is required, e.g. --target http://localhost:3000");
  const secret = values.secret ?? process.env.WEBHOOK_SECRET ?? fail("--secret <WEBHOOK_SECRET of that instance> is required");
  const scenario = findScenario(values.scenario) ?? fail(`no scenario "${values.scenario}"; --list shows them`);
  try {
    new URL(target);
  } catch {
    fail(`--target "${target}" is not a URL`);
  }
  say(`Sending "${scenario.name}" to ${target}: ${scenario.summary}`);
  let refused = 0;
  let failed = 0;
  // A refused secret or an unreachable target will not get better on the next delivery: stop at the first.
  const stop = new AbortController();
  const results = await runScenario(
    scenario,
    { uid: firstUid(), batch: 0 },
    {
      sim: null,
      deliver: webhookSender(target, secret),
      pace: 0,
      signal: stop.signal,
      onAnswer: (d, a) => {
        if (a.status === 401) {
          refused += 1;
          stop.abort();
        } else if (a.status >= 300) failed += 1;
        say(`  ${String(a.status).padEnd(4)}${d.source.padEnd(12)}${d.label}${a.status >= 300 ? `  ${a.text.slice(0, 160)}` : ""}`);
      },
      onError: (d, e) => {
        failed += 1;
        stop.abort();
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        say(`  ---  ${d.source.padEnd(12)}${d.label}  cannot reach ${target} (${cause ?? (e instanceof Error ? e.message : String(e))})`);
      },
    },
  );
  if (refused > 0) fail(`The target refused the secret (401): pass the WEBHOOK_SECRET that instance was started with.`);
  if (failed > 0) fail(`${failed} of ${results.length} deliveries failed.`);
  say(`All ${results.length} deliveries answered 2xx.`);
}

main().catch((error: unknown) => fail(`simulate failed: ${error instanceof Error ? error.message : String(error)}`));
