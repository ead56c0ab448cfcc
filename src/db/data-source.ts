import { types } from "pg";
import { DataSource, type Logger } from "typeorm";
import { migrations } from "../../migrations";
import { Affiliation } from "../modules/affiliation/affiliation.entity";
import { AuditEntry } from "../modules/audit/audit.entity";
import { Article } from "../modules/article/article.entity";
import { Event } from "../modules/event/event.entity";
import { EventParticipant } from "../modules/event/event-participant.entity";
import { EventPlace } from "../modules/event/event-place.entity";
import { EventSource } from "../modules/event/event-source.entity";
import { Organization } from "../modules/organization/organization.entity";
import { Person } from "../modules/person/person.entity";
import { Place } from "../modules/place/place.entity";
import { Statement } from "../modules/statement/statement.entity";
import { SnakeNamingStrategy } from "./naming-strategy";
import { timestamptzParser } from "./timestamps";

// A Postgres `date` is a calendar day: keep it as the string 'YYYY-MM-DD' rather than letting pg
// turn it into a JS Date at local midnight, which a time zone can move to the previous day.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.TIMESTAMPTZ, timestamptzParser(types.getTypeParser(types.builtins.TIMESTAMPTZ)));

export const entities = [Organization, Person, Affiliation, Place, Article, Event, EventParticipant, EventPlace, EventSource, Statement, AuditEntry];

export function createDataSource(url: string, options: { logger?: Logger; poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: options.logger,
    logging: options.logger ? ["query"] : false,
    extra: { max: options.poolSize ?? 10, application_name: "newsgraph" },
  });
}

/** Applies the pending migrations, each in its own transaction. */
export async function migrate(db: DataSource): Promise<number> {
  const applied = await db.runMigrations({ transaction: "each" });
  return applied.length;
}
