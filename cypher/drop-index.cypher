// Drops an index by name (schema migrations in applySchema); the name is a parameter.
DROP INDEX $name IF EXISTS
