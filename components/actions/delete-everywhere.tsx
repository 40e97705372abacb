"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { buttonClass, callJson, dangerClass } from "./post-json";

type Step = { service: string; description: string };
type Preview = { title: string; steps: Step[]; unreachable: { service: string; error: string }[] };
type Options = { arrScope: "series" | "seasons"; arrDeleteFiles: boolean; torrentDeleteFiles: boolean };

const label: Record<string, string> = {
  qbittorrent: "qBittorrent",
  sonarr: "Sonarr",
  radarr: "Radarr",
  shoko: "Shoko",
  jellyfin: "Jellyfin",
  jellyseerr: "Jellyseerr",
  tracker: "Status Tracker",
};

/**
 * "Delete everywhere": the live preview of exactly what each service would remove, ticks per service, then
 * confirm. One request shows its preview; several (bulk from History) use the same ticks for each.
 */
export function DeleteEverywhere({ requestIds, mediaType }: { requestIds: number[]; mediaType: "movie" | "tv" | "mixed" }) {
  const [options, setOptions] = useState<Options>({ arrScope: "series", arrDeleteFiles: true, torrentDeleteFiles: true });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set(["qbittorrent", "sonarr", "radarr", "shoko", "jellyfin", "jellyseerr"]));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const single = requestIds.length === 1 ? requestIds[0] : undefined;

  useEffect(() => {
    if (single === undefined) return;
    const query = new URLSearchParams({
      arrScope: options.arrScope,
      arrDeleteFiles: String(options.arrDeleteFiles),
      torrentDeleteFiles: String(options.torrentDeleteFiles),
    });
    let live = true;
    void callJson(`/api/requests/${single}/deletion?${query}`, { method: "GET" }).then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.body as unknown as Preview);
      else setStatus({ ok: false, text: r.message });
    });
    return () => {
      live = false;
    };
  }, [single, options]);

  const services =
    single === undefined
      ? ["qbittorrent", "sonarr", "radarr", "shoko", "jellyfin", "jellyseerr"]
      : (preview?.steps.map((s) => s.service).filter((s) => s !== "tracker") ?? []);

  async function confirm() {
    const chosen = services.filter((s) => ticked.has(s));
    const body = { ...options, services: chosen.length > 0 ? chosen : ["tracker"] };
    setBusy(true);
    const result =
      single === undefined
        ? await callJson("/api/admin/deletions", { body: { ...body, requestIds } })
        : await callJson(`/api/requests/${single}/deletion`, { body });
    setBusy(false);
    setStatus({ ok: result.ok, text: result.ok ? "Started: each service's result appears in the deletion log." : result.message });
  }

  const toggle = (service: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(service)) next.delete(service);
      else next.add(service);
      return next;
    });

  return (
    <div className="mt-4 rounded border border-red-300 p-3 dark:border-red-900" data-testid="delete-everywhere">
      <h3 className="mb-2 font-medium">Delete everywhere{single === undefined ? ` (${requestIds.length} requests)` : ""}</h3>
      <div className="mb-2 flex flex-wrap gap-3 text-sm">
        {mediaType !== "movie" ? (
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={options.arrScope === "seasons"}
              onChange={(e) => setOptions({ ...options, arrScope: e.target.checked ? "seasons" : "series" })}
            />
            only the requested seasons' files (keep the series)
          </label>
        ) : null}
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={options.arrDeleteFiles} onChange={(e) => setOptions({ ...options, arrDeleteFiles: e.target.checked })} />{" "}
          delete the media files
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={options.torrentDeleteFiles}
            onChange={(e) => setOptions({ ...options, torrentDeleteFiles: e.target.checked })}
          />{" "}
          delete torrent data
        </label>
      </div>
      {single !== undefined && !preview ? <p className="text-sm">Asking each service what it holds…</p> : null}
      <ul className="mb-2 space-y-1 text-sm">
        {single !== undefined
          ? preview?.steps.map((s) => (
              <li key={s.service}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    disabled={s.service === "tracker"}
                    checked={s.service === "tracker" || ticked.has(s.service)}
                    onChange={() => toggle(s.service)}
                  />
                  <span>
                    <strong>{label[s.service] ?? s.service}</strong>: {s.description}
                  </span>
                </label>
              </li>
            ))
          : services.map((s) => (
              <li key={s}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={ticked.has(s)} onChange={() => toggle(s)} /> {label[s] ?? s} (whatever it holds for each request)
                </label>
              </li>
            ))}
        {preview?.unreachable.map((u) => (
          <li key={`u-${u.service}`} className="text-amber-700 dark:text-amber-400">
            {label[u.service] ?? u.service} could not be asked: {u.error}
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-2">
        <button type="button" className={dangerClass} disabled={busy || (single !== undefined && !preview)} onClick={confirm}>
          Confirm delete
        </button>
        <Link href="/admin/deletions" className={buttonClass}>
          Deletion log
        </Link>
      </div>
      {status ? (
        <p role="status" className={`mt-2 text-sm ${status.ok ? "" : "text-red-700 dark:text-red-400"}`}>
          {status.text}
        </p>
      ) : null}
    </div>
  );
}
