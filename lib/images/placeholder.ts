import { imageRatio, imageWidths, type ImageVariant } from "@/lib/portal/image-src";

const font = "system-ui,-apple-system,Segoe UI,Roboto,sans-serif";

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** The first letter or digit of the title (skipping "The", quotes, punctuation), upper-case; "?" when none. */
export function titleInitial(title: string): string {
  const words = title.trim().replace(/^(the|a|an)\s+/i, "");
  const match = /[\p{L}\p{N}]/u.exec(words) ?? /[\p{L}\p{N}]/u.exec(title);
  return match ? match[0].toLocaleUpperCase() : "?";
}

/**
 * The artwork shown when there is none or its host cannot be reached: a dark panel with the title's initial
 * and what it is (a backdrop is the panel alone: the poster in front of it carries the initial). Served by
 * the image route as SVG, so the <img> always loads and never shows a broken icon.
 */
export function placeholderSvg({ variant, title, mediaType }: { variant: ImageVariant; title: string; mediaType: "movie" | "tv" }): string {
  const width = imageWidths[variant];
  const height = Math.round(width * imageRatio[variant]);
  const label = mediaType === "tv" ? "SERIES" : "MOVIE";
  const initialSize = Math.round(Math.min(width, height) * 0.42);
  const labelSize = Math.max(10, Math.round(width * 0.055));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0.6" y2="1"><stop offset="0" stop-color="#2a2f3a"/><stop offset="1" stop-color="#15171c"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
${
  variant === "backdrop"
    ? ""
    : `<text x="50%" y="48%" text-anchor="middle" dominant-baseline="middle" font-family="${font}" font-size="${initialSize}" font-weight="600" fill="#8ab4ff" fill-opacity="0.75">${escapeXml(titleInitial(title))}</text>
<text x="50%" y="${Math.round(height * 0.8)}" text-anchor="middle" font-family="${font}" font-size="${labelSize}" letter-spacing="2" fill="#b3b9c5">${label}</text>`
}
</svg>`;
}
