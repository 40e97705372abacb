"use client";

import { useState } from "react";
import { safeImageUrl } from "@/lib/domain/image-url";
import { Icon } from "./icon";

/** In the browser, a poster on this site's own origin is refused too (rows stored before the rule, any path). */
function shownUrl(url: string | null): string | null {
  const safe = safeImageUrl(url);
  if (!safe || typeof window === "undefined") return safe;
  return new URL(safe).origin === window.location.origin ? null : safe;
}

/** A poster thumbnail; the media type's icon when there is none or the poster host cannot be reached. */
export function Poster({ url, mediaType, size = "sm" }: { url: string | null; mediaType: "movie" | "tv"; size?: "sm" | "lg" }) {
  const [failed, setFailed] = useState(false);
  const box = size === "lg" ? "w-32 h-48" : "w-10 h-15";
  const src = shownUrl(url);
  if (!src || failed) {
    return (
      <div className={`${box} flex shrink-0 items-center justify-center rounded bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-300`}>
        <Icon name={mediaType === "tv" ? "tv" : "film"} className={size === "lg" ? "size-10" : "size-5"} />
      </div>
    );
  }
  // A plain img: posters come from upstream hosts that next/image would each need configured for.
  return <img src={src} alt="" loading="lazy" onError={() => setFailed(true)} className={`${box} shrink-0 rounded object-cover`} />;
}
