// Releases, their tags and the last-write marker live outside :Entity, so they are neither part
// of the public graph nor of the content hash that names a release.
CREATE CONSTRAINT release_id IF NOT EXISTS FOR (n:Release) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT release_tag_name IF NOT EXISTS FOR (n:ReleaseTag) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT release_marker_key IF NOT EXISTS FOR (n:ReleaseMarker) REQUIRE n.key IS UNIQUE;
