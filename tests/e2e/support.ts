import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

const base = () => `http://127.0.0.1:${process.env.E2E_PORT}`;

type Applied = { requestId: number; event: string; stage: string };

/** Posts a webhook as the upstream service would and returns what it applied. */
export async function post(source: string, body: unknown, contentType = "application/json"): Promise<Applied[]> {
  const res = await fetch(`${base()}/api/webhooks/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.E2E_WEBHOOK_SECRET}`, "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { applied?: Applied[] };
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json.applied ?? [];
}

let counter = 0;
/** Ids no other test uses: every test shares one database. */
export function unique(): number {
  counter += 1;
  return (Date.now() % 1_000_000) * 100 + counter;
}

export function randomHash(): string {
  return randomBytes(20).toString("hex").toUpperCase();
}

/** The spec: a live change shows within one second of the webhook's response. */
export const LIVE = { timeout: 1_000 };

export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 10_000 });
}

export async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
