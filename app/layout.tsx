import type { Metadata, Viewport } from "next";
import { currentTheme } from "@/lib/theme/current";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Status Tracker", template: "%s · Status Tracker" },
  description: "Where every media request in the house stands, live.",
  icons: { icon: "/icon.svg", apple: "/apple-touch-icon.png" },
  appleWebApp: { capable: true, title: "Requests", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "dark light",
  themeColor: "#101114",
};

/** The theme is rendered by the server (cookie, else the member's stored choice, else dark): no flash on load. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { theme } = await currentTheme();
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh bg-canvas text-body text-ink antialiased">{children}</body>
    </html>
  );
}
