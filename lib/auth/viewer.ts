export type Viewer = { name: string; role: "admin" | "member" };

export async function getViewer(): Promise<Viewer | null> {
  return null;
}
