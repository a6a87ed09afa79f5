export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __srdiEmbedded?: { stop(): Promise<void> } }).__srdiEmbedded;
  await embedded?.stop();
}
