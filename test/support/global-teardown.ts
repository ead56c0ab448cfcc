import { rm } from "node:fs/promises";

export default async function globalTeardown(): Promise<void> {
  const postgres = (globalThis as { testPostgres?: { stop(): Promise<void>; dataDir: string } }).testPostgres;
  if (!postgres) return;
  await postgres.stop();
  await rm(postgres.dataDir, { recursive: true, force: true });
}
