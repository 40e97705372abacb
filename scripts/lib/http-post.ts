import { Agent, request } from "node:http";

export type PostAnswer = { status: number };

/**
 * A keep-alive HTTP/1.1 client for load generators that share the server's cores: node:http costs a fraction of
 * the CPU `fetch` does per request, so more of the machine goes to the server being measured.
 */
export function keepAlivePoster(maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const post = (url: string, headers: Record<string, string>, body: string) =>
    new Promise<PostAnswer>((resolve, reject) => {
      const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
