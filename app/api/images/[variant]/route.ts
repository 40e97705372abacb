// GET /api/images/[variant] — a poster or backdrop resized for one view, from the cache, an allow-listed host or a placeholder
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { AppError, errorResponse } from "@/lib/errors";
import { zodIssues } from "@/lib/integrations/webhook";
import { loadImage } from "@/lib/images/service";
import { imageVariants } from "@/lib/portal/image-src";

const query = z.object({
  variant: z.enum(imageVariants),
  src: z.string().max(2048).optional(),
  item: z
    .string()
    .regex(/^[0-9a-zA-Z-]{1,64}$/)
    .optional(),
  title: z.string().max(200).default(""),
  type: z.enum(["movie", "tv"]).default("movie"),
});

type Context = { params: Promise<{ variant: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    await requireViewer();
    const url = new URL(request.url);
    const parsed = query.safeParse({ ...Object.fromEntries(url.searchParams), variant: (await params).variant });
    if (!parsed.success) throw new AppError("bad_request", "Invalid image request", zodIssues(parsed.error));
    const q = parsed.data;
    const image = await loadImage({
      variant: q.variant,
      src: q.src ?? null,
      itemId: q.item ?? null,
      title: q.title,
      mediaType: q.type,
      accept: request.headers.get("accept"),
    });
    return new Response(typeof image.body === "string" ? image.body : new Uint8Array(image.body), {
      headers: {
        "content-type": image.contentType,
        // Artwork keeps a week in the browser; a placeholder is asked again soon, in case the host is back.
        "cache-control": image.artwork ? "private, max-age=604800" : "private, max-age=60",
        vary: "Accept",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
