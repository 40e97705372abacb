import { providerLinks } from "@/lib/portal/links";
import type { PortalRequest } from "@/lib/requests/transfer";
import { Icon } from "./icon";
import { typeLabel } from "./request-cells";

export function RequestMeta({ r }: { r: PortalRequest }) {
  const facts: [string, string | null][] = [
    ["Type", `${typeLabel[r.mediaType]}${r.isAnime ? " · anime" : ""}${r.is4k ? " · 4K" : ""}`],
    ["Requested by", r.requestedBy],
    ["Seasons", r.requestedSeasons.length > 0 ? r.requestedSeasons.join(", ") : null],
    ["Quality", r.quality],
    ["Indexer", r.indexer],
  ];
  const links = providerLinks(r);
  return (
    <>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        {facts
          .filter((f): f is [string, string] => f[1] !== null)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-700 dark:text-slate-300">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
      </dl>
      {links.length > 0 ? (
        <p className="flex flex-wrap gap-3 text-sm">
          {links.map((l) => (
            <a
              key={l.label}
              href={l.href}
              rel="noreferrer"
              target="_blank"
              className="inline-flex items-center gap-1 text-indigo-800 underline underline-offset-2 dark:text-indigo-300"
            >
              {l.label}
              <Icon name="external" className="size-3" />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          ))}
        </p>
      ) : null}
    </>
  );
}
