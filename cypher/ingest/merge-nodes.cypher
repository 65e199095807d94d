// Merges a batch of nodes of one label on `id`, reporting what changed. `$rows`: [{id, props}].
// __LABEL__ is replaced with a label of the domain model (checked against core/model.ts), never input text.
// A node whose given properties already hold the same values is left untouched (no write at all).
UNWIND $rows AS row
OPTIONAL MATCH (old:__LABEL__ {id: row.id})
WITH row, old IS NULL AS created,
     old IS NOT NULL AND all(key IN keys(row.props) WHERE old[key] = row.props[key]) AS unchanged
MERGE (n:__LABEL__ {id: row.id})
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET n += row.props)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND NOT unchanged THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
