import { startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * Shoko Server v5.3.3 REST v3 (contracts/shoko.md §4): `apikey` header or query, PascalCase, Location
 * RelativePath without the leading separator, PathEndsWith matching the full server path case-insensitively.
 */
export type FakeShokoFile = { ID: number; Size: number; matched: boolean; ImportFolderID: number; RelativePath: string };

export class FakeShoko {
  folders = [{ ID: 2, Name: "Anime", Path: "/anime" }];
  files: FakeShokoFile[] = [];
  /** Every DELETE /api/v3/File/{id} as "id?query", in order. */
  deletes: string[] = [];
  constructor(readonly apiKey = "shoko-key") {}

  private file(f: FakeShokoFile) {
    const folder = this.folders.find((x) => x.ID === f.ImportFolderID);
    return {
      ID: f.ID,
      Size: f.Size,
      IsVariation: false,
      IsIgnored: false,
      Imported: f.matched ? "2025-03-02T20:17:31Z" : null,
      Locations: [
        {
          ID: f.ID + 1,
          FileID: f.ID,
          ImportFolderID: f.ImportFolderID,
          RelativePath: f.RelativePath,
          AbsolutePath: `${folder?.Path ?? ""}/${f.RelativePath}`,
          IsAccessible: true,
        },
      ],
    };
  }

  handle = (req: FakeRequest): FakeResponse | undefined => {
    if (req.path === "/api/v3/Init/Version") return { status: 200, body: { Server: { Version: "5.3.3.0", ReleaseChannel: "Stable" } } };
    if ((req.headers.apikey ?? req.query.get("apikey")) !== this.apiKey) return { status: 401 };
    if (req.path === "/api/v3/File/PathEndsWith") {
      const suffix = (req.query.get("path") ?? "").replace(/\\/g, "/").toLowerCase();
      return {
        status: 200,
        body: this.files.map((f) => this.file(f)).filter((f) => f.Locations.some((l) => l.AbsolutePath.toLowerCase().endsWith(suffix))),
      };
    }
    const file = /^\/api\/v3\/File\/(\d+)$/.exec(req.path);
    if (file && req.method === "DELETE") {
      this.deletes.push(`${file[1]}?${req.query.toString()}`);
      const found = this.files.find((f) => f.ID === Number(file[1]));
      if (!found) return { status: 404 };
      this.files = this.files.filter((f) => f !== found);
      return { status: 200 };
    }
    if (file) {
      const found = this.files.find((f) => f.ID === Number(file[1]));
      return found ? { status: 200, body: this.file(found) } : { status: 404 };
    }
    const folder = /^\/api\/v3\/ImportFolder\/(\d+)$/.exec(req.path);
    if (folder) {
      const found = this.folders.find((f) => f.ID === Number(folder[1]));
      return found ? { status: 200, body: found } : { status: 404 };
    }
    return undefined;
  };
}

export async function startFakeShoko() {
  const shoko = new FakeShoko();
  return { shoko, ...(await startFake(shoko.handle)) };
}
