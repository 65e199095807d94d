// Uniqueness constraints on single properties: the key constraints Guanxi keeps per label.
SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY'] AND size(properties) = 1
RETURN name, labelsOrTypes[0] AS label, properties[0] AS property
