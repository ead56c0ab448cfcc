import { Client } from "pg";

/**
 * A connection of its own that LISTENs on `channels`: NOTIFY reaches only a session that stays
 * open, so not a pooled connection. If connecting or listening fails, the client is closed before
 * the error goes on. The caller watches its "end" event (to reconnect) and ends it.
 */
export async function listenTo(
  url: string,
  applicationName: string,
  channels: readonly string[],
  onNotification: (channel: string, payload: string) => void,
  onError: (error: Error) => void,
): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  client.on("notification", (message) => {
    if (message.payload) onNotification(message.channel, message.payload);
  });
  client.on("error", onError);
  try {
    await client.connect();
    for (const channel of channels) await client.query(`LISTEN ${channel}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
