import { expect, test } from "@playwright/test";
import { e2e } from "./env";
import { sessionCookie } from "./session";

test("an admin edits the sweep thresholds and they stick", async ({ page }) => {
  const cookie = await sessionCookie(e2e.users.admin.name, e2e.users.admin.password, "10.78.0.1");
  const eq = cookie.indexOf("=");
  await page.context().addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: e2e.baseURL }]);
  await page.goto(`${e2e.baseURL}/admin/thresholds`);
  const downloaded = page.getByLabel("Downloaded");
  await expect(downloaded).toHaveValue("10"); // the default: a finished torrent not imported after 10 min
  await downloaded.fill("25");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Downloaded")).toHaveValue("25");
  await page.getByLabel("Downloaded").fill("10");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
});
