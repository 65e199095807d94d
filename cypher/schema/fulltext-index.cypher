// The full-text index Guanxi searches, if it exists: what it covers and whether it is usable.
SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state, entityType
WHERE name = $name AND entityType = 'NODE'
RETURN labelsOrTypes AS labels, properties, state
