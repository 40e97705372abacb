import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

/**
 * A loopback Jellyfin that answers `POST /Users/AuthenticateByName` as contracts/jellyfin.md B.1/B.2 says:
 * the MediaBrowser authorization header with Client, Device, DeviceId and Version is required (400 without,
 * as Jellyfin's ArgumentException does), the body is JSON `{Username, Pw}` (input keys case-insensitive),
 * 401 for a wrong name or password, 403 for a disabled user, 200 with a PascalCase AuthenticationResult.
 */
export type FakeUser = { name: string; password: string; admin?: boolean; disabled?: boolean };

export type FakeJellyfin = {
  url: string;
  /** Every sign-in call seen, for asserting what was sent (never the query string). */
  calls: { url: string; authorization: string | null; body: unknown }[];
  /** Milliseconds to wait before answering, to exercise timeouts. */
  delayMs: number;
  close(): Promise<void>;
};

const SERVER_ID = "f27caa37e5f4412a9c3c5d0a6e2b1f00";

export function parseMediaBrowser(header: string | undefined): Record<string, string> | null {
  const match = /^(MediaBrowser|Emby)\s+(.*)$/i.exec(header?.trim() ?? "");
  if (!match) return null;
  const parts: Record<string, string> = {};
  for (const part of (match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)) {
    if (part[1] && part[2] !== undefined) parts[part[1].toLowerCase()] = decodeURIComponent(part[2]);
  }
  return parts;
}

function send(res: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json; charset=utf-8" }).end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function field(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

function userId(name: string): string {
  return Buffer.from(name.toLowerCase().padEnd(16, "_").slice(0, 16)).toString("hex");
}

export type FakeAnswer = { status: number; body?: unknown };

/** `GET /Users/{userId}` with an API key: the UserDto with its Policy (404 for an unknown id). */
export function answerUserById(users: readonly FakeUser[], authorization: string | undefined, id: string): FakeAnswer {
  if (!parseMediaBrowser(authorization)?.token) return { status: 401 };
  const found = users.find((u) => userId(u.name) === id.toLowerCase());
  if (!found) return { status: 404 };
  return { status: 200, body: { Name: found.name, Id: id, Policy: { IsAdministrator: found.admin === true, IsDisabled: found.disabled === true } } };
}

/** `POST /Users/AuthenticateByName` as contracts/jellyfin.md B.1/B.2 says (see the top of this file). */
export function answerAuthenticateByName(
  users: readonly FakeUser[],
  request: { authorization: string | undefined; contentType: string | undefined; body: unknown },
): FakeAnswer {
  const auth = parseMediaBrowser(request.authorization);
  if (!auth?.client || !auth.device || !auth.deviceid || !auth.version) {
    return { status: 400, body: "Value cannot be null or empty. (Parameter 'deviceId')" };
  }
  const { body } = request;
  if (!(request.contentType ?? "").includes("json") || typeof body !== "object" || body === null) return { status: 415 };
  const username = field(body as Record<string, unknown>, "Username");
  const pw = field(body as Record<string, unknown>, "Pw");
  const user = users.find((u) => typeof username === "string" && u.name.toLowerCase() === username.toLowerCase());
  if (!user || pw !== user.password) return { status: 401, body: "Invalid username or password entered." };
  if (user.disabled) return { status: 403, body: `User ${user.name} is disabled.` };
  const id = userId(user.name);
  return {
    status: 200,
    body: {
      User: {
        Name: user.name,
        ServerId: SERVER_ID,
        Id: id,
        HasPassword: true,
        HasConfiguredPassword: true,
        Configuration: {},
        Policy: { IsAdministrator: user.admin === true, IsDisabled: false, EnableContentDeletion: false, EnableAllFolders: true },
      },
      SessionInfo: { Id: randomBytes(16).toString("hex"), UserId: id, UserName: user.name, Client: auth.client, DeviceId: auth.deviceid },
      AccessToken: randomBytes(16).toString("hex"),
      ServerId: SERVER_ID,
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function startFakeJellyfin({ users, port = 0 }: { users: FakeUser[]; port?: number }): Promise<FakeJellyfin> {
  const fake: Omit<FakeJellyfin, "url" | "close"> = { calls: [], delayMs: 0 };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const byId = /^\/users\/([0-9a-f]+)$/i.exec(url.pathname);
    if (req.method === "GET" && byId) {
      const answer = answerUserById(users, req.headers.authorization, byId[1] ?? "");
      return send(res, answer.status, answer.body);
    }
    if (req.method !== "POST" || url.pathname.toLowerCase() !== "/users/authenticatebyname") return send(res, 404);
    const body = parseJson(await readBody(req));
    fake.calls.push({ url: req.url ?? "", authorization: req.headers.authorization ?? null, body });
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    const answer = answerAuthenticateByName(users, { authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
    send(res, answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
