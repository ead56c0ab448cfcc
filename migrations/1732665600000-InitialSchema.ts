import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The whole domain model. Enumerations are text with CHECK constraints (adding a value later is a
 * one-line constraint change, unlike a Postgres enum); every foreign key has its own index.
 */
export class InitialSchema1732665600000 implements MigrationInterface {
  name = "InitialSchema1732665600000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        short_name text,
        kind text NOT NULL CHECK (kind IN ('STATE', 'GOVERNMENT_BODY', 'MILITARY', 'INTERNATIONAL_ORGANIZATION', 'MEDIA', 'COMPANY', 'OTHER')),
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
        parent_id uuid REFERENCES organizations (id) ON DELETE RESTRICT CHECK (parent_id <> id),
        aliases text[] NOT NULL DEFAULT '{}',
        wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organizations_parent_id_idx ON organizations (parent_id)`);

    await db.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        aliases text[] NOT NULL DEFAULT '{}',
        description text,
        wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE affiliations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (btrim(role) <> ''),
        start_date date,
        end_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT affiliations_dates_ordered CHECK (end_date >= start_date),
        CONSTRAINT affiliations_natural_key UNIQUE (person_id, organization_id, role)
      )`);
    await db.query(`CREATE INDEX affiliations_organization_id_idx ON affiliations (organization_id)`);
    // person_id is covered by the leading column of the natural-key index.

    await db.query(`
      CREATE TABLE places (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        aliases text[] NOT NULL DEFAULT '{}',
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT places_coordinates_together CHECK ((latitude IS NULL) = (longitude IS NULL))
      )`);

    await db.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL UNIQUE CHECK (url ~ '^https?://'),
        title text NOT NULL CHECK (btrim(title) <> ''),
        publisher text,
        published_at timestamptz,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (btrim(title) <> ''),
        summary text,
        kind text NOT NULL CHECK (kind IN ('MILITARY_DEPLOYMENT', 'MILITARY_TRAINING', 'SANCTIONS', 'DIPLOMATIC_MEETING', 'ANNOUNCEMENT', 'ARMED_CONFLICT', 'OTHER')),
        status text NOT NULL CHECK (status IN ('REPORTED', 'CONFIRMED', 'PLANNED', 'DENIED')),
        start_date date,
        end_date date,
        date_precision text CHECK (date_precision IN ('DAY', 'MONTH', 'YEAR')),
        parent_id uuid REFERENCES events (id) ON DELETE SET NULL CHECK (parent_id <> id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_dates_ordered CHECK (end_date >= start_date),
        CONSTRAINT events_end_needs_start CHECK (end_date IS NULL OR start_date IS NOT NULL),
        CONSTRAINT events_precision_with_date CHECK ((date_precision IS NULL) = (start_date IS NULL))
      )`);
    await db.query(`CREATE INDEX events_parent_id_idx ON events (parent_id)`);
    await db.query(`CREATE INDEX events_start_date_idx ON events (start_date DESC, id DESC)`);
    await db.query(`CREATE INDEX events_created_at_idx ON events (created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE event_participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        organization_id uuid REFERENCES organizations (id) ON DELETE RESTRICT,
        person_id uuid REFERENCES people (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('ACTOR', 'TARGET', 'HOST', 'SUPPORTER', 'OPPONENT', 'OBSERVER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT event_participants_one_party CHECK (num_nonnulls(organization_id, person_id) = 1)
      )`);
    await db.query(`CREATE INDEX event_participants_event_id_idx ON event_participants (event_id)`);
    await db.query(`CREATE INDEX event_participants_organization_id_idx ON event_participants (organization_id)`);
    await db.query(`CREATE INDEX event_participants_person_id_idx ON event_participants (person_id)`);
    await db.query(`CREATE UNIQUE INDEX event_participants_natural_key ON event_participants (event_id, COALESCE(organization_id, person_id), role)`);

    await db.query(`
      CREATE TABLE event_places (
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        place_id uuid NOT NULL REFERENCES places (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('ORIGIN', 'DESTINATION', 'LOCATION')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, place_id, role)
      )`);
    await db.query(`CREATE INDEX event_places_place_id_idx ON event_places (place_id)`);

    await db.query(`
      CREATE TABLE event_sources (
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, article_id)
      )`);
    await db.query(`CREATE INDEX event_sources_article_id_idx ON event_sources (article_id)`);

    await db.query(`
      CREATE TABLE statements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL CHECK (btrim(text) <> ''),
        kind text NOT NULL CHECK (kind IN ('DIRECT_QUOTE', 'PARAPHRASE', 'WRITTEN_STATEMENT')),
        speaker_id uuid REFERENCES people (id) ON DELETE RESTRICT,
        organization_id uuid REFERENCES organizations (id) ON DELETE RESTRICT,
        event_id uuid REFERENCES events (id) ON DELETE SET NULL,
        source_id uuid REFERENCES articles (id) ON DELETE RESTRICT,
        span_start integer CHECK (span_start >= 0),
        span_end integer,
        place_id uuid REFERENCES places (id) ON DELETE RESTRICT,
        stated_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT statements_has_author CHECK (num_nonnulls(speaker_id, organization_id) >= 1),
        CONSTRAINT statements_span_complete CHECK ((span_start IS NULL) = (span_end IS NULL)),
        CONSTRAINT statements_span_ordered CHECK (span_end > span_start),
        CONSTRAINT statements_span_needs_source CHECK (span_start IS NULL OR source_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX statements_speaker_id_idx ON statements (speaker_id)`);
    await db.query(`CREATE INDEX statements_organization_id_idx ON statements (organization_id)`);
    await db.query(`CREATE INDEX statements_event_id_idx ON statements (event_id)`);
    await db.query(`CREATE INDEX statements_source_id_idx ON statements (source_id)`);
    await db.query(`CREATE INDEX statements_place_id_idx ON statements (place_id)`);
    await db.query(`CREATE INDEX statements_created_at_idx ON statements (created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["statements", "event_sources", "event_places", "event_participants", "events", "articles", "places", "affiliations", "people", "organizations"]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
