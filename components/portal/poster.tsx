"use client";

import { useState } from "react";
import { Icon } from "./icon";

/** A poster thumbnail; the media type's icon when there is none or the poster host cannot be reached. */
export function Poster({ url, mediaType, size = "sm" }: { url: string | null; mediaType: "movie" | "tv"; size?: "sm" | "lg" }) {
  const [failed, setFailed] = useState(false);
  const box = size === "lg" ? "w-32 h-48" : "w-10 h-15";
  if (!url || failed) {
    return (
      <div className={`${box} flex shrink-0 items-center justify-center rounded bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-300`}>
        <Icon name={mediaType === "tv" ? "tv" : "film"} className={size === "lg" ? "size-10" : "size-5"} />
      </div>
    );
  }
  // A plain img: posters come from upstream hosts that next/image would each need configured for.
  return <img src={url} alt="" loading="lazy" onError={() => setFailed(true)} className={`${box} shrink-0 rounded object-cover`} />;
}
