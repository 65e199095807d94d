// Nodes per label and relationships per type, straight from the count store (no scan).
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN
  [x IN data.nodes WHERE x.label IS NOT NULL | {label: x.label, count: x.count}] AS labels,
  [x IN data.relationships
    WHERE x.relationshipType IS NOT NULL AND x.startLabel IS NULL AND x.endLabel IS NULL
    | {type: x.relationshipType, count: x.count}] AS types
