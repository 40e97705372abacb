import "server-only";
import sharp from "sharp";
import { imageRatio, imageWidths, type ImageVariant } from "@/lib/portal/image-src";

export type ImageFormat = "avif" | "webp" | "jpeg";

export const formatType: Record<ImageFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

/**
 * The format for the browser's Accept header: WebP when it takes it, else AVIF, else JPEG. WebP before AVIF on
 * purpose: on a small home server AVIF took about three times as long to encode (a 400 px card 1.3 s against
 * 0.4 s on a loaded 2-core machine) for files only a little smaller, and every first view of a list waits on it.
 */
export function pickFormat(accept: string | null): ImageFormat {
  const text = accept ?? "";
  if (/image\/webp/i.test(text)) return "webp";
  if (/image\/avif/i.test(text)) return "avif";
  return "jpeg";
}

/** No upstream picture is larger than this many pixels; anything bigger is refused before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Resizes to the variant's frame (cover, centred) and encodes. `blur`: a poster standing in for a missing
 * backdrop is blurred into a soft background instead of being stretched sharp.
 */
export async function renderImage(
  input: Buffer,
  { variant, format, blur }: { variant: ImageVariant; format: ImageFormat; blur: boolean },
): Promise<Buffer> {
  const width = imageWidths[variant];
  const height = Math.round(width * imageRatio[variant]);
  let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .resize({ width, height, fit: "cover", position: "attention", withoutEnlargement: false });
  if (blur) pipeline = pipeline.blur(24).modulate({ brightness: 0.8 });
  if (format === "avif") return pipeline.avif({ quality: 50, effort: 2 }).toBuffer();
  if (format === "webp") return pipeline.webp({ quality: 72 }).toBuffer();
  return pipeline.jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}
