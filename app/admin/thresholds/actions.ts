"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireSameOriginAction } from "@/lib/auth/guard";
import { requireAdmin } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { editableStages, saveThresholds } from "@/lib/workflows/sweep/thresholds";

/** Minutes: at least one, at most a week. */
const minutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
const form = z.object(Object.fromEntries(editableStages.map((s) => [s, minutes])) as Record<(typeof editableStages)[number], typeof minutes>);

/** Saves the sweep's stage thresholds: same origin, an admin's live session. */
export async function saveThresholdsAction(data: FormData): Promise<void> {
  await requireSameOriginAction();
  await requireAdmin();
  const parsed = form.safeParse(Object.fromEntries(editableStages.map((s) => [s, data.get(s)])));
  if (!parsed.success) throw new AppError("bad_request", "Each threshold is a whole number of minutes from 1 to 10080");
  await saveThresholds({ db: await getDb(), values: parsed.data });
  redirect("/admin/thresholds?saved=1");
}
