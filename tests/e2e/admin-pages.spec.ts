import { expect, test } from "@playwright/test";
import { jellyseerr } from "../helpers/payloads";
import { e2e } from "./env";
import { noHorizontalScroll, post, signInAdmin, unique } from "./support";

const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

test("admin pages speak in words and local times; deliveries filter, open their stored body and fit a phone", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const started = Date.now();
  const cookie = await signInAdmin(page.context(), "10.88.0.1");
  const id = unique();
  const title = `Deliveries Movie ${id}`;
  const [created] = await post(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", { requestId: id, mediaType: "movie", tmdbId: id, subject: `${title} (2024)` }),
  );
  const rejected = await fetch(`${e2e.baseURL}/api/webhooks/sonarr`, {
    method: "POST",
    headers: { authorization: `Bearer ${e2e.secrets.WEBHOOK_SECRET}`, "content-type": "application/json" },
    body: JSON.stringify({ eventType: "Grab", series: { id: 1 } }),
  });
  expect(rejected.status).toBe(400);

  await page.goto("/admin");
  const list = page.getByTestId("deliveries");
  await expect(list.getByRole("link").first()).toBeVisible();
  // By role: while a page streams in, its loading fallback is a second, hidden <main> for a moment.
  const main = page.getByRole("main");
  await expect(main.locator("time").first()).not.toHaveText("");
  expect((await main.textContent()) ?? "").not.toMatch(iso);
  expect((await main.textContent()) ?? "").not.toContain("MEDIA_AUTO_APPROVED");

  // Filter: Jellyseerr, applied, the automatic approval.
  await page.getByLabel("Source").selectOption("jellyseerr");
  await page.getByLabel("Status").selectOption("applied");
  await page.getByLabel("Event").selectOption({ label: "Jellyseerr: Request approved automatically" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/source=jellyseerr&status=applied&event=MEDIA_AUTO_APPROVED/);
  const rows = list.getByRole("link");
  await expect(rows.first()).toContainText("Request approved automatically");
  for (const text of await rows.allInnerTexts()) expect(text).toMatch(/Jellyseerr[\s\S]*Request approved automatically[\s\S]*Applied/);

  // The newest opens with its outcome, its request and its body pretty-printed.
  await rows.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jellyseerr: Request approved automatically");
  await expect(page.getByTestId("delivery-facts")).toContainText("Applied");
  await expect(page.getByTestId("delivery-body")).toContainText('  "notification_type": "MEDIA_AUTO_APPROVED",\n');
  expect((await page.getByTestId("delivery-facts").textContent()) ?? "").not.toMatch(iso);
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(`${e2e.baseURL}/requests/${created?.requestId}`);

  // A rejected body: found by status, opened with its error.
  await page.goto("/admin?status=rejected&source=sonarr");
  await list.getByRole("link").first().click();
  await expect(page.getByTestId("delivery-facts")).toContainText("Rejected");
  await expect(page.getByTestId("delivery-error")).not.toBeEmpty();
  const detailUrl = page.url();
  // The same filter for scripts: the JSON list.
  const api = (await (await page.request.get("/api/admin/deliveries?source=sonarr&status=rejected")).json()) as {
    items: { source: string; status: string }[];
  };
  expect(api.items.length).toBeGreaterThan(0);
  expect(api.items.every((d) => d.source === "sonarr" && d.status === "rejected")).toBe(true);
  expect((await page.request.get("/api/admin/deliveries?status=lost")).status()).toBe(400);

  await page.goto("/admin/health");
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  const health = (await page.getByRole("main").textContent()) ?? "";
  expect(health).not.toMatch(iso);
  expect(health).toContain("Request approved automatically");

  // API tokens: when made and last used in the viewer's time.
  const made = await fetch(`${e2e.baseURL}/api/admin/tokens`, {
    method: "POST",
    headers: { cookie, origin: e2e.baseURL, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify({ name: `phone-check-${id}`, scope: "read" }),
  });
  expect(made.status).toBe(201);
  await page.goto("/admin/tokens");
  await expect(page.getByTestId("tokens")).toContainText(`phone-check-${id}`);
  await expect(page.getByTestId("tokens").locator("time").first()).not.toHaveText("");
  expect((await page.getByTestId("tokens").textContent()) ?? "").not.toMatch(/\d{4}-\d{2}-\d{2}/);

  // On a phone: nothing scrolls sideways.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: e2e.baseURL });
  await signInAdmin(phone, "10.88.0.2");
  const small = await phone.newPage();
  for (const path of ["/admin", detailUrl, "/admin/health", "/admin/tokens", "/admin/deletions"]) {
    await small.goto(path);
    await expect(small.getByRole("main")).toBeVisible();
    expect(await noHorizontalScroll(small), path).toBe(true);
  }
  await phone.close();
  console.log(`admin pages e2e: ${Date.now() - started} ms`);
});
