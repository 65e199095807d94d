// Guanxi schema: one uniqueness constraint on `id` per label of the domain model (core/model.ts),
// and one full-text index over every name an entity goes by. The `cjk` analyzer indexes Chinese as
// overlapping character pairs, so a search for 通武廊 finds “通武廊”劳模和工匠人才创新工作室联盟;
// `pinyin` holds toneless pinyin keys computed at ingest (core/pinyin.ts), so `tongwulang*` finds it too.
// An older entity_names over other properties is dropped first by applySchema (ingest/write.ts).
// Every statement is idempotent (IF NOT EXISTS); `guanxi ingest` applies this file before writing.

CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alliance_id IF NOT EXISTS FOR (n:Alliance) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;

CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Organisation|Region|Alliance|Person|Event|Article)
ON EACH [n.name, n.nameEn, n.aliases, n.pinyin]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
