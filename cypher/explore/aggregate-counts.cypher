// The aggregated first view: nodes per label and relationships per (start label, type) and
// (type, end label), straight from the count store (no scan, no node read).
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN
  [x IN data.nodes WHERE x.label IS NOT NULL | {label: x.label, count: x.count}] AS labels,
  [x IN data.relationships WHERE x.relationshipType IS NOT NULL
    | {relationshipType: x.relationshipType, startLabel: x.startLabel, endLabel: x.endLabel, count: x.count}]
    AS relationships
