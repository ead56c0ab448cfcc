import { Entity, PrimaryColumn } from "typeorm";

/** An article an event is reported in. */
@Entity("event_sources")
export class EventSource {
  @PrimaryColumn("uuid")
  eventId!: string;

  @PrimaryColumn("uuid")
  articleId!: string;
}
