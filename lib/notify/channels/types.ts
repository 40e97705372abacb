import type { Rendered } from "../render";

/** What every channel is handed: the rendered message and who it is for. */
export type Outgoing = Rendered & { recipient: string; messageId: number | null };
