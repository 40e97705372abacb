import { z } from "zod";
import { stages } from "@/lib/domain/stages";

const stageList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(stages)));

/** Query parameters of the request list, shared by the API and the portal's URL filters. */
export const requestListQuery = z.object({
  stage: stageList.optional(),
  mediaType: z.enum(["movie", "tv"]).optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  requestedBy: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type RequestListQuery = z.infer<typeof requestListQuery>;
