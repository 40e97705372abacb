/**
 * Where a poster or backdrop is shown from: always this app's image route, which answers with the resized
 * artwork or, when there is none or its host cannot be reached, a designed placeholder. So the server-rendered
 * <img> loads before hydration, with or without internet.
 */
export const imageVariants = ["thumb", "card", "poster", "backdrop"] as const;
export type ImageVariant = (typeof imageVariants)[number];

/** Pixel widths, about twice the CSS width each view shows them at (sharp on high-density screens). */
export const imageWidths: Record<ImageVariant, number> = { thumb: 160, card: 400, poster: 600, backdrop: 1280 };
/** Height over width: posters are 2:3, backdrops 16:9. */
export const imageRatio: Record<ImageVariant, number> = { thumb: 1.5, card: 1.5, poster: 1.5, backdrop: 9 / 16 };

export type ImageSubject = {
  /** The upstream poster URL (already passed safeImageUrl where it entered), or null. */
  url: string | null;
  /** The Jellyfin item, when the title is in the library: its own artwork is preferred. */
  itemId?: string | null;
  title: string;
  mediaType: "movie" | "tv";
};

export function imageSrc(variant: ImageVariant, subject: ImageSubject): string {
  const params = new URLSearchParams();
  if (subject.itemId) params.set("item", subject.itemId);
  if (subject.url) params.set("src", subject.url);
  params.set("type", subject.mediaType);
  // Only the first letters: the placeholder shows an initial, and the URL stays short.
  params.set("title", subject.title.slice(0, 40));
  return `/api/images/${variant}?${params.toString()}`;
}
