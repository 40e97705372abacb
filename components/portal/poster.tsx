import { imageRatio, imageSrc, imageWidths, type ImageVariant } from "@/lib/portal/image-src";
import type { PortalRequest } from "@/lib/requests/transfer";

type Subject = Pick<PortalRequest, "posterUrl" | "mediaType" | "title"> & { jellyfinItemId?: string | null };

const frame: Record<ImageVariant, string> = {
  thumb: "w-16",
  card: "",
  poster: "",
  backdrop: "w-full",
};

/**
 * A poster (or backdrop) from this app's image route: the resized artwork, from the cache when the LAN has no
 * internet, or a designed placeholder with the title's initial. Either way the server-rendered <img> loads:
 * there is no broken-image state to recover from after hydration. Decorative: the title is always beside it.
 */
export function Poster({
  r,
  variant = "thumb",
  eager = false,
  className = "",
}: {
  r: Subject;
  variant?: ImageVariant;
  /** For the first screenful: loads at once instead of when scrolled near. */
  eager?: boolean;
  className?: string;
}) {
  const width = imageWidths[variant];
  const subject = { url: r.posterUrl, itemId: r.jellyfinItemId, title: r.title, mediaType: r.mediaType };
  // A card is a 64 px thumbnail in the phone list and about 220 px wide in the desktop grid: the browser picks.
  const responsive =
    variant === "card"
      ? {
          srcSet: `${imageSrc("thumb", subject)} ${imageWidths.thumb}w, ${imageSrc("card", subject)} ${imageWidths.card}w`,
          sizes: "(min-width: 641px) 220px, 64px",
        }
      : {};
  return (
    <img
      src={imageSrc(variant, subject)}
      {...responsive}
      alt=""
      width={width}
      height={Math.round(width * imageRatio[variant])}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      data-poster
      className={`${frame[variant]} shrink-0 bg-raised object-cover ${variant === "backdrop" ? "aspect-backdrop" : "aspect-poster rounded-md"} ${className}`}
    />
  );
}
