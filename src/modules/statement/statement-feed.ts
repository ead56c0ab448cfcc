import type { Client } from "pg";
import type { DataSource } from "typeorm";
import { createLoaders, type Loaders } from "../../loaders";
import { Lists } from "../../db/lists";
import { listenTo } from "../../db/notifications";
import { newestRows, rowsById, rowsCreatedSince } from "../../db/recent-rows";
import { hydrate, type Row } from "../../db/sql";
import type { Logger } from "../../logger";
import { ReviewStatus, Stance, Statement } from "./statement.entity";

/**
 * Fans new statements out to subscribers, across instances: Postgres NOTIFY (see the migration
 * AnnounceStatements) tells every instance the id of each committed statement; each instance loads
 * it once and hands it to its matching subscribers, with loaders shared by all of them for that
 * one delivery (so nested fields cost one query per level, not one per subscriber).
 *
 * A statement whose review status changes is announced again (a proposal accepted later reaches
 * the subscribers of accepted statements then): what is remembered is a statement in a status.
 *
 * If the listening connection drops, it reconnects with backoff and catches up from the last
 * statement it delivered; ids seen recently are remembered, so nobody gets a statement twice.
 * Delivery order is commit order (NOTIFY order), and creation order for a catch-up.
 */
export const CHANNEL = "newsgraph_statement_added";
/** Events whose corroboration may have changed (the CorroborationCounts migration's triggers). */
export const CORROBORATION_CHANNEL = "newsgraph_corroboration_changed";
/** Statements a subscriber may have waiting; past that it is too slow and its subscription ends. */
export const MAX_PENDING = 256;
/** How far back a catch-up looks before the last delivered statement, for transactions that committed late. */
const CATCH_UP_OVERLAP = "5 minutes";
const REMEMBERED_IDS = 50_000;

export interface StatementFilter {
  eventId?: string;
  speakerId?: string;
  organizationId?: string;
  /** The review statuses to deliver: a statement is delivered when it is added with one of them or reaches one later. */
  reviewStatus: readonly ReviewStatus[];
  /** Any of these stances, when given. */
  stance?: readonly Stance[];
}

export interface Delivery {
  statement: Statement;
  loaders: Loaders;
  lists: Lists;
}

export class SlowSubscriberError extends Error {
  constructor() {
    super(`More than ${MAX_PENDING} statements were waiting for this subscriber; subscribe again to continue.`);
  }
}

/** The subscribers' filter on new statements. */
function matchesStatement(filter: StatementFilter, statement: Statement): boolean {
  const { eventId, speakerId, organizationId, reviewStatus, stance } = filter;
  return (
    reviewStatus.includes(statement.reviewStatus) &&
    (!stance || (statement.stance !== null && stance.includes(statement.stance))) &&
    (!eventId || statement.eventId === eventId) &&
    (!speakerId || statement.speakerId === speakerId) &&
    (!organizationId || statement.organizationId === organizationId)
  );
}

/** An AsyncIterator over deliveries with a bounded queue; the feed pushes, graphql-ws pulls. */
class Subscription<D, Item> implements AsyncIterableIterator<D> {
  private readonly queue: D[] = [];
  private readonly waiting: ((result: IteratorResult<D>) => void)[] = [];
  private failure: Error | undefined;
  private done = false;

  constructor(
    readonly matches: (item: Item) => boolean,
    private readonly onEnd: (subscription: Subscription<D, Item>) => void,
  ) {}

  push(delivery: D): void {
    if (this.done) return;
    const waiter = this.waiting.shift();
    if (waiter) return waiter({ value: delivery, done: false });
    if (this.queue.length >= MAX_PENDING) {
      this.failure = new SlowSubscriberError();
      this.queue.length = 0;
      this.end();
      return;
    }
    this.queue.push(delivery);
  }

  async next(): Promise<IteratorResult<D>> {
    const queued = this.queue.shift();
    if (queued) return { value: queued, done: false };
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    if (this.done) return { value: undefined, done: true };
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async return(): Promise<IteratorResult<D>> {
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<D> {
    return this;
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.onEnd(this);
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }
}

/** An event whose corroboration may have changed, with fresh loaders for its fields. */
export interface CorroborationDelivery {
  eventId: string;
  loaders: Loaders;
  lists: Lists;
}

export class StatementFeed {
  private readonly subscriptions = new Set<Subscription<Delivery, Statement>>();
  private readonly corroborationSubscriptions = new Set<Subscription<CorroborationDelivery, string>>();
  private listener: Client | undefined;
  /** Creation time of the last statement delivered (or seen at start): where a catch-up begins. */
  private cursor: Date | undefined;
  private readonly remembered = new Set<string>();
  private processing: Promise<void> = Promise.resolve();
  private pendingIds: string[] = [];
  private stopped = false;
  private reconnectDelay = 100;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  get subscriberCount(): number {
    return this.subscriptions.size + this.corroborationSubscriptions.size;
  }

  async start(): Promise<void> {
    // What exists already is not news: remember the recent ids so a catch-up does not announce them.
    const recent = hydrate(this.db, Statement, await newestRows(this.db, Statement, CATCH_UP_OVERLAP));
    for (const { id, reviewStatus } of recent) this.remember(`${id}:${reviewStatus}`);
    this.cursor = recent[recent.length - 1]?.createdAt;
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    for (const subscription of [...this.subscriptions, ...this.corroborationSubscriptions]) subscription.end();
    await this.listener?.end().catch(() => undefined);
    await this.processing;
  }

  subscribe(filter: StatementFilter): AsyncIterableIterator<Delivery> {
    const subscription = new Subscription<Delivery, Statement>((statement) => matchesStatement(filter, statement), (ended) => this.subscriptions.delete(ended));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Each change of `eventId`'s corroboration, as the database announces it (see the CorroborationCounts migration). */
  subscribeCorroboration(eventId: string): AsyncIterableIterator<CorroborationDelivery> {
    const subscription = new Subscription<CorroborationDelivery, string>((changed) => changed === eventId, (ended) => this.corroborationSubscriptions.delete(ended));
    this.corroborationSubscriptions.add(subscription);
    return subscription;
  }

  /** Connects and LISTENs (db/notifications.ts). */
  private async listen(): Promise<void> {
    const client = await listenTo(
      this.databaseUrl,
      "newsgraph-listener",
      [CHANNEL, CORROBORATION_CHANNEL],
      (channel, payload) => (channel === CHANNEL ? this.enqueue([payload]) : this.deliverCorroboration(payload)),
      (error) => this.logger.warn({ err: error }, "statement listener connection failed"),
    );
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Only a connection that was listening schedules a reconnect when it ends: one retry chain.
    client.on("end", () => {
      if (this.listener === client) this.listener = undefined;
      if (!this.stopped) this.reconnect();
    });
    this.listener = client;
  }

  /** Retries with a doubling delay (at most 5 s) until listening again, then catches up; one chain at a time. */
  private reconnect(): void {
    if (this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, 5_000);
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      try {
        await this.listen();
        this.reconnectDelay = 100;
        this.logger.info("statement listener reconnected; catching up");
        this.catchUp();
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: this.reconnectDelay }, "statement listener could not reconnect");
        this.reconnect();
      }
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Delivers what was committed while nobody listened: everything after the cursor (with an overlap). */
  private catchUp(): void {
    this.processing = this.processing.then(async () => {
      this.deliver(await rowsCreatedSince(this.db, Statement, this.cursor, CATCH_UP_OVERLAP));
    }).catch((error) => this.logger.error({ err: error }, "statement catch-up failed"));
  }

  /** Collects the ids announced in one tick and loads them in one query. */
  private enqueue(ids: string[]): void {
    this.pendingIds.push(...ids);
    if (this.pendingIds.length > ids.length) return; // a load is already scheduled
    this.processing = this.processing.then(async () => {
      const batch = this.pendingIds.splice(0);
      const rows = await rowsById(this.db, Statement, batch);
      const byId = new Map(rows.map((row) => [row.id as string, row]));
      this.deliver(batch.map((id) => byId.get(id)).filter((row): row is Row => row !== undefined));
    }).catch((error) => this.logger.error({ err: error }, "statement delivery failed"));
  }

  private deliver(rows: Row[]): void {
    for (const statement of hydrate(this.db, Statement, rows)) {
      // Checked one by one, so an id twice in one batch is delivered once.
      const seen = `${statement.id}:${statement.reviewStatus}`;
      if (this.remembered.has(seen)) continue;
      this.remember(seen);
      if (!this.cursor || statement.createdAt > this.cursor) this.cursor = statement.createdAt;
      const subscribers = [...this.subscriptions].filter((subscription) => subscription.matches(statement));
      if (subscribers.length === 0) continue;
      const delivery = { statement, ...this.freshReads() };
      for (const subscription of subscribers) subscription.push(delivery);
    }
  }

  /** One delivery per announcement, shared by the event's subscribers (a change missed while disconnected is not replayed). */
  private deliverCorroboration(eventId: string): void {
    const subscribers = [...this.corroborationSubscriptions].filter((subscription) => subscription.matches(eventId));
    if (subscribers.length === 0) return;
    const delivery = { eventId, ...this.freshReads() };
    for (const subscription of subscribers) subscription.push(delivery);
  }

  /** Loaders for one delivery, shared by every subscriber it reaches. */
  private freshReads(): { loaders: Loaders; lists: Lists } {
    const loaders = createLoaders(this.db);
    return { loaders, lists: new Lists(this.db, () => loaders.known) };
  }

  private remember(seen: string): void {
    this.remembered.add(seen);
    if (this.remembered.size > REMEMBERED_IDS) {
      // Sets iterate in insertion order: drop the oldest.
      this.remembered.delete(this.remembered.values().next().value as string);
    }
  }
}
