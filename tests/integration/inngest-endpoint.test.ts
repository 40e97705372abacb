import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { resetEnvForTests } from "@/lib/env";

afterEach(() => {
  delete process.env.INNGEST_DEV;
  resetEnvForTests();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("/api/inngest without Inngest configured", () => {
  it("answers a quiet 404 to every method and logs nothing", async () => {
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_SIGNING_KEY;
    resetEnvForTests();
    const errors = vi.spyOn(console, "error");
    const warnings = vi.spyOn(console, "warn");
    const route = await import("@/app/api/inngest/route");
    for (const method of ["GET", "POST", "PUT"] as const) {
      const request = new NextRequest("http://127.0.0.1:3000/api/inngest?fnId=x&stepId=step", { method, body: method === "GET" ? undefined : "{}" });
      const response = await route[method](request, {});
      expect(response.status, method).toBe(404);
      expect(await response.json()).toMatchObject({ error: "not_found" });
    }
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });

  it("serves the SDK in dev mode", async () => {
    process.env.INNGEST_DEV = "1";
    resetEnvForTests();
    const route = await import("@/app/api/inngest/route");
    const response = await route.GET(new NextRequest("http://127.0.0.1:3000/api/inngest"), {});
    expect(response.status).toBe(200);
  });
});
