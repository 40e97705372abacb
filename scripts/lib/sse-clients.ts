import http from "node:http";

export type Receipt = { seq: number; at: number };

/**
 * A bare SSE client: records when each `id:` arrives. Raw http keeps the measuring side cheap, so
 * 500 of them in one process measure the server rather than the client library.
 */
export class SseClient {
  readonly receipts: Receipt[] = [];
  /** When the response headers arrived (performance.now()). */
  headersAt = Number.NaN;
  private request: http.ClientRequest | null = null;
  private buffer = "";

  constructor(
    private readonly url: string,
    private readonly onFirstData: (text: string) => void,
    private readonly cookie = "",
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.request = http.get(this.url, { agent: false, headers: { accept: "text/event-stream", cookie: this.cookie } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE status ${res.statusCode}`));
        this.headersAt = performance.now();
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => this.receive(chunk, performance.now()));
        resolve();
      });
      this.request.on("error", reject);
    });
  }

  private receive(chunk: string, at: number) {
    this.buffer += chunk;
    let end = this.buffer.indexOf("\n\n");
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const id = /^id: (\d+)$/m.exec(frame);
      if (id?.[1]) {
        this.receipts.push({ seq: Number(id[1]), at });
        this.onFirstData(frame);
      }
      end = this.buffer.indexOf("\n\n");
    }
  }

  close(): void {
    this.request?.destroy();
  }
}
